import { defineConfigSection, durationSchema } from '@portal/backend-common';
import { z } from 'zod';

export const techdocsConfigSection = defineConfigSection(
  'techdocs',
  z.object({
    /** Hosts whose pages may be embedded with <iframe> in docs, e.g. www.youtube.com. */
    allowedIframeHosts: z.array(z.string().min(1)).default([]),
    /** How long a looked-up head commit is trusted before the remote is asked again. */
    checkInterval: durationSchema.default(30_000),
    cache: z
      .object({
        /** Rendered pages kept in memory per replica, in front of the techdocs_pages table. */
        pages: z.number().int().min(0).default(2000),
        /** Rendered versions kept per entity in the database; older ones are deleted. */
        versionsPerEntity: z.number().int().min(1).default(3),
      })
      .prefault({}),
  }),
);

export type TechdocsConfig = z.output<typeof techdocsConfigSection.schema>;
