import { z } from 'zod';
import type { EntityKind } from '../kinds.js';

// Spec schemas as Backstage defines them: unknown spec fields are allowed, known ones typed.

const text = z.string().min(1);
const refList = z.array(text);
const profile = z.looseObject({ displayName: text.optional(), email: text.optional(), picture: text.optional() });
const ifCondition = z.union([z.string(), z.boolean()]);
const permissions = z.looseObject({ tags: z.array(z.string()).optional() });
const parameterForm = z.looseObject({ 'backstage:permissions': permissions.optional() });

const component = z.looseObject({
  type: text,
  lifecycle: text,
  owner: text,
  system: text.optional(),
  subcomponentOf: text.optional(),
  providesApis: refList.optional(),
  consumesApis: refList.optional(),
  dependsOn: refList.optional(),
});

const api = z.looseObject({
  type: text,
  lifecycle: text,
  owner: text,
  definition: text,
  system: text.optional(),
});

/** An API whose type is `mcp-server` describes where the server runs instead of a definition. */
export const mcpServerApiSpec = z.looseObject({
  type: z.literal('mcp-server'),
  lifecycle: text,
  owner: text,
  system: text.optional(),
  remotes: z.array(z.looseObject({ type: text, url: text })).min(1),
});

const resource = z.looseObject({
  type: text,
  owner: text,
  dependsOn: refList.optional(),
  system: text.optional(),
});

const system = z.looseObject({ owner: text, domain: text.optional(), type: text.optional() });

const domain = z.looseObject({ owner: text, subdomainOf: text.optional(), type: text.optional() });

const group = z.looseObject({
  type: text,
  profile: profile.optional(),
  parent: text.optional(),
  children: refList,
  members: refList.optional(),
});

const user = z.looseObject({ profile: profile.optional(), memberOf: refList });

const location = z.looseObject({
  type: text.optional(),
  target: text.optional(),
  targets: refList.optional(),
  presence: z.enum(['required', 'optional']).optional(),
});

const outputLink = z.looseObject({
  if: ifCondition.optional(),
  url: text.optional(),
  entityRef: text.optional(),
  title: text.optional(),
  icon: text.optional(),
});

const outputText = z.looseObject({
  if: ifCondition.optional(),
  title: text.optional(),
  icon: text.optional(),
  content: z.string().optional(),
});

const template = z.looseObject({
  type: text,
  owner: text.optional(),
  lifecycle: text.optional(),
  parameters: z.union([parameterForm, z.array(parameterForm)]).optional(),
  secrets: z.looseObject({ schema: z.looseObject({}).optional() }).optional(),
  presentation: z
    .looseObject({
      buttonLabels: z
        .looseObject({
          backButtonText: z.string().optional(),
          createButtonText: z.string().optional(),
          reviewButtonText: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
  EXPERIMENTAL_recovery: z.looseObject({ EXPERIMENTAL_strategy: z.string().optional() }).optional(),
  EXPERIMENTAL_formDecorators: z.array(z.looseObject({ id: z.string().optional(), input: z.looseObject({}).optional() })).optional(),
  steps: z.array(
    z.looseObject({
      id: z.string().optional(),
      name: z.string().optional(),
      action: z.string(),
      input: z.looseObject({}).optional(),
      if: ifCondition.optional(),
      'backstage:permissions': permissions.optional(),
    }),
  ),
  // Output values other than links and text are template strings shown after a run.
  output: z
    .object({ links: z.array(outputLink).optional(), text: z.array(outputText).optional() })
    .catchall(z.string())
    .optional(),
});

export const SPEC_SCHEMAS: Record<EntityKind, z.ZodType> = {
  Component: component,
  API: api,
  Resource: resource,
  System: system,
  Domain: domain,
  Group: group,
  User: user,
  Location: location,
  Template: template,
};
