import { ConflictError, NotFoundError } from '@portal/backend-common';
import { z } from 'zod';
import type { TemplateAction } from './types.js';

export interface ActionDescription {
  id: string;
  description: string;
  schema: { input: unknown; output?: unknown };
  supportsDryRun: boolean;
}

export class ActionRegistry {
  private readonly actions = new Map<string, TemplateAction>();

  constructor(actions: TemplateAction[] = []) {
    for (const action of actions) this.register(action);
  }

  register(action: TemplateAction): void {
    if (this.actions.has(action.id)) throw new ConflictError(`The action ${action.id} is already registered`);
    this.actions.set(action.id, action);
  }

  get(id: string): TemplateAction {
    const action = this.actions.get(id);
    if (!action) throw new NotFoundError(`There is no action "${id}"; the available actions are listed at /v2/actions`);
    return action;
  }

  has(id: string): boolean {
    return this.actions.has(id);
  }

  /** Every action with its input schema as JSON Schema, as `GET /v2/actions` lists them. */
  describe(): ActionDescription[] {
    return [...this.actions.values()].map(action => ({
      id: action.id,
      description: action.description,
      schema: {
        input: z.toJSONSchema(action.schema.input, { io: 'input', unrepresentable: 'any' }),
        ...(action.schema.output ? { output: z.toJSONSchema(action.schema.output, { unrepresentable: 'any' }) } : {}),
      },
      supportsDryRun: action.supportsDryRun,
    }));
  }
}
