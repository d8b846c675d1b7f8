import { defineConfigSection, durationSchema } from '@portal/backend-common';
import { z } from 'zod';

const kindList = z.array(z.string().min(1));

const ruleSchema = z.object({
  allow: kindList,
  /** Limits the rule to some locations; without it the rule applies to every location. */
  locations: z
    .array(z.object({ type: z.enum(['url', 'file']), target: z.string().min(1).optional(), pattern: z.string().min(1).optional() }))
    .optional(),
});

export type CatalogRule = z.output<typeof ruleSchema>;

const locationSchema = z.object({
  type: z.enum(['url', 'file']),
  target: z.string().min(1),
  /** Kinds this location may add besides those the global rules allow. */
  rules: z.array(z.object({ allow: kindList })).optional(),
});

export const catalogConfigSection = defineConfigSection(
  'catalog',
  z.object({
    locations: z.array(locationSchema).default([]),
    // Backstage's default: only these kinds may come from a location unless config says more.
    rules: z.array(ruleSchema).default([{ allow: ['Component', 'API', 'Location'] }]),
    refreshInterval: durationSchema.default(60_000),
    /** How often each replica looks for due locations; small, because claiming costs one query. */
    schedulerPollInterval: durationSchema.default(1_000),
    /** Locations one replica refreshes at the same time. */
    refreshConcurrency: z.number().int().min(1).max(64).default(4),
    /** How long a claimed location stays claimed if its replica dies mid-refresh. */
    refreshLease: durationSchema.default(300_000),
    orphanStrategy: z.enum(['delete', 'keep']).default('delete'),
    readLimits: z
      .object({
        maxFileBytes: z.number().int().positive().default(1_000_000),
        maxDocumentsPerFile: z.number().int().positive().default(100_000),
        maxFilesPerLocation: z.number().int().positive().default(500_000),
      })
      .default({ maxFileBytes: 1_000_000, maxDocumentsPerFile: 100_000, maxFilesPerLocation: 500_000 }),
    webhooks: z.object({ secret: z.string().min(1).optional() }).default({}),
  }),
);

export type CatalogConfig = z.output<typeof catalogConfigSection.schema>;
