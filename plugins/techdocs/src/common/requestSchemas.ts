import { z } from 'zod';

// Requests the typed client builds and the routes parse: one schema for both sides.

/** `GET /:namespace/:kind/:name/search?q=`. */
export const searchQuery = z.object({ q: z.string().max(200).default('') });
export type DocsSearchQuery = z.input<typeof searchQuery>;
