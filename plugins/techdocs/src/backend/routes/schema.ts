import { z } from 'zod';

export const entityParams = z.object({
  namespace: z.string().min(1),
  kind: z.string().min(1),
  name: z.string().min(1),
});

/** Express 5 gives a `*path` wildcard as its segments. */
export const pageParams = entityParams.extend({ path: z.array(z.string()).optional() });

export const assetQuery = z.object({
  commit: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,80}$/)
    .optional(),
});
