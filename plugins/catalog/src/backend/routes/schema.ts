import { z } from 'zod';

export const addLocationQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .optional()
    .transform(v => v === 'true'),
});

/** `POST /locations/by-query`: Backstage's queryLocations request (`query` is checked as it is matched). */
export const queryLocationsBody = z.object({
  limit: z.number().int().min(1).max(1000).optional(),
  cursor: z.string().min(1).max(8192).optional(),
  query: z.unknown().optional(),
});

/** `PUT /locations/:id`: Backstage's client sends `type: 'url'` when the caller names none. */
export const updateLocationBody = z.object({
  type: z.enum(['url', 'file']).default('url'),
  target: z.string().min(1).max(2048),
});

/** `POST /analyze-location`. */
export const analyzeLocationBody = z.object({
  location: z.object({ type: z.string().min(1), target: z.string().min(1).max(2048) }),
  catalogFilename: z.string().min(1).max(255).optional(),
});

/** `GET /location-summaries`: a page of the Locations page. */
export const locationSummariesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).default(0),
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
