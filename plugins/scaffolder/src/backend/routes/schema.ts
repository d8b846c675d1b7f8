import { InputError } from '@portal/backend-common';
import { z } from 'zod';

export const createTaskBody = z.object({
  templateRef: z.string().min(1),
  values: z.record(z.string(), z.unknown()).default({}),
  secrets: z.record(z.string(), z.string()).default({}),
});

export const listTasksQuery = z.object({
  createdBy: z.string().min(1).optional(),
  status: z.enum(['open', 'processing', 'completed', 'failed', 'cancelled']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const eventsQuery = z.object({
  after: z.coerce.number().int().min(0).optional(),
});

export const dryRunBody = z
  .object({
    templateRef: z.string().min(1).optional(),
    /** A template given inline (its YAML as an object), as an editor would send it. */
    template: z
      .object({
        apiVersion: z.string(),
        kind: z.string(),
        metadata: z.record(z.string(), z.unknown()).optional(),
        spec: z.record(z.string(), z.unknown()),
      })
      .optional(),
    values: z.record(z.string(), z.unknown()).default({}),
    secrets: z.record(z.string(), z.string()).default({}),
    /** The inline template's files, relative to its template.yaml. */
    directoryContents: z
      .array(z.object({ path: z.string().min(1), base64Content: z.string() }))
      .max(2000)
      .default([]),
  })
  .refine(body => Boolean(body.templateRef) !== Boolean(body.template), 'give exactly one of templateRef and template');

export function parseOr400<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map(issue => `${issue.path.join('.') || what}: ${issue.message}`).join('; ');
    throw new InputError(`Invalid ${what}: ${problems}`);
  }
  return result.data;
}
