import { z } from 'zod';

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

/** The part of GitHub's, Gitea's and GitLab's push payloads the catalog reads. */
export const pushPayload = z.object({
  ref: z.string().optional(),
  repository: z
    .object({ clone_url: z.string().optional(), html_url: z.string().optional(), git_http_url: z.string().optional(), homepage: z.string().optional() })
    .loose()
    .optional(),
  project: z.object({ git_http_url: z.string().optional(), web_url: z.string().optional() }).loose().optional(),
});

export type PushPayload = z.infer<typeof pushPayload>;

