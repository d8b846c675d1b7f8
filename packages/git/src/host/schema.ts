import { InputError } from '@portal/backend-common';
import { z } from 'zod';

/** POST /api/git/repos; names are checked further by validateRepoName. */
export const createRepositoryBodySchema = z.object({
  owner: z.string().min(1).max(100),
  name: z.string().min(1).max(100),
  description: z.string().max(1000).optional(),
});

export type CreateRepositoryBody = z.infer<typeof createRepositoryBodySchema>;

export function parseCreateRepositoryBody(body: unknown): CreateRepositoryBody {
  const result = createRepositoryBodySchema.safeParse(body ?? {});
  if (!result.success) {
    throw new InputError(result.error.issues.map(issue => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '));
  }
  return result.data;
}
