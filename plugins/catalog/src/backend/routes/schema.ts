import { InputError } from '@portal/backend-common';
import { z } from 'zod';

export const addLocationBody = z.object({
  type: z.enum(['url', 'file']),
  target: z.string().min(1).max(2048),
});

export const addLocationQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .optional()
    .transform(v => v === 'true'),
});

export const locationIdParams = z.object({ id: z.string().min(1).max(200) });

export const entityNameParams = z.object({
  kind: z.string().min(1).max(253),
  namespace: z.string().min(1).max(253),
  name: z.string().min(1).max(253),
});

export const entityUidParams = z.object({ uid: z.uuid() });

export const refreshBody = z.object({ entityRef: z.string().min(1).max(1024) });

/** The part of GitHub's, Gitea's and GitLab's push payloads the catalog reads. */
export const pushPayload = z.object({
  ref: z.string().optional(),
  repository: z
    .object({ clone_url: z.string().optional(), html_url: z.string().optional(), git_http_url: z.string().optional(), homepage: z.string().optional() })
    .loose()
    .optional(),
  project: z.object({ git_http_url: z.string().optional(), web_url: z.string().optional() }).loose().optional(),
});

export type AddLocationBody = z.infer<typeof addLocationBody>;
export type PushPayload = z.infer<typeof pushPayload>;

/** Validates request input with a schema; a failure is an InputError naming every bad field. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const details = result.error.issues.map(i => `${i.path.length ? i.path.join('.') : what}: ${i.message}`).join('; ');
  throw new InputError(`Invalid ${what}: ${details}`);
}
