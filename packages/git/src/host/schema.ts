import { z } from 'zod';

/** POST /api/git/repos; names are checked further by validateRepoName. */
export const createRepositoryBodySchema = z.object({
  owner: z.string().min(1).max(100),
  name: z.string().min(1).max(100),
  description: z.string().max(1000).optional(),
});
