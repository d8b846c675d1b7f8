import { z } from 'zod';

// Request bodies the typed client builds and the routes parse: one schema for both sides.

/** `POST /locations`. */
export const addLocationBody = z.object({
  type: z.enum(['url', 'file']),
  target: z.string().min(1).max(2048),
});
export type AddLocationRequest = z.infer<typeof addLocationBody>;

/** `POST /refresh`. */
export const refreshBody = z.object({ entityRef: z.string().min(1).max(1024) });
export type RefreshEntityRequest = z.infer<typeof refreshBody>;
