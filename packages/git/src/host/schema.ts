import { z } from 'zod';

/** POST /api/git/repos; names are checked further by validateRepoName. */
export const createRepositoryBodySchema = z.object({
  owner: z.string().min(1).max(100),
  name: z.string().min(1).max(100),
  description: z.string().max(1000).optional(),
});

export const repositoryParamsSchema = z.object({ owner: z.string().min(1).max(100), name: z.string().min(1).max(100) });

/** `?ref=` (default: the default branch) and `&path=` (default: the root) of the browsing routes. */
export const browseQuerySchema = z.object({
  ref: z.string().min(1).max(200).optional(),
  path: z.string().max(4096).default(''),
});

export const commitsQuerySchema = browseQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(100).default(30),
  /** How many commits to skip: the `nextCursor` of the page before. */
  cursor: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const commitParamsSchema = repositoryParamsSchema.extend({ sha: z.string().regex(/^[0-9a-f]{40}$/, 'must be a full commit id') });

/** PUT /api/git/repos/:owner/:name/files: one file's new content, made against `expectedCommit`. */
export const commitFileBodySchema = z.object({
  branch: z.string().min(1).max(200),
  path: z.string().min(1).max(4096),
  content: z.string().max(1024 * 1024),
  expectedCommit: z.string().regex(/^[0-9a-f]{40}$/, 'must be the full commit id the file was read at'),
  message: z.string().trim().min(1).max(2000).optional(),
});
