import { z } from 'zod';

// Requests the typed client builds and the routes parse: one schema for both sides.

/** `POST /v2/tasks`. */
export const createTaskBody = z.object({
  templateRef: z.string().min(1),
  values: z.record(z.string(), z.unknown()).default({}),
  secrets: z.record(z.string(), z.string()).default({}),
});
/** What a caller sends; `values` and `secrets` default to empty. */
export type CreateTaskRequest = z.input<typeof createTaskBody>;

/** `GET /v2/tasks`. */
export const listTasksQuery = z.object({
  createdBy: z.string().min(1).optional(),
  status: z.enum(['open', 'processing', 'completed', 'failed', 'cancelled']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListTasksQuery = Partial<z.output<typeof listTasksQuery>>;

/** `GET /v2/tasks/:taskId/events` and `…/eventstream`: events after this id. */
export const eventsQuery = z.object({
  after: z.coerce.number().int().min(0).optional(),
});

/** `POST /v2/dry-run`: `templateRef` for a registered template, or `template` and its files for one being edited. */
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
export type DryRunRequest = z.input<typeof dryRunBody>;
