import { defineConfigSection, durationSchema } from '@portal/backend-common';
import { z } from 'zod';

const kindList = z.array(z.string().min(1));

const ruleSchema = z.object({
  allow: kindList,
  /** Limits the rule to some locations; without it the rule applies to every location. */
  locations: z.array(z.object({ type: z.enum(['url', 'file']), target: z.string().min(1).optional(), pattern: z.string().min(1).optional() })).optional(),
});

export type CatalogRule = z.output<typeof ruleSchema>;

const locationSchema = z.object({
  type: z.enum(['url', 'file']),
  target: z.string().min(1),
  /**
   * Kinds this location may add besides those the global rules allow, such as Group and User for
   * the repository that holds the organisation. They cover the files the location's Location
   * entities name inside the same repository, not other repositories those entities point at.
   */
  rules: z.array(z.object({ allow: kindList })).optional(),
});

/**
 * What a location registered through the API or by a template (and the locations its Location
 * entities lead to) may add. Never Group or User: whoever may register a location could otherwise
 * make themselves a member of any team or claim a colleague's email. The organisation comes from
 * locations configured in `catalog.locations` with rules of their own.
 */
export const DEFAULT_ALLOWED_KINDS: readonly string[] = ['Component', 'API', 'Resource', 'System', 'Domain', 'Template', 'Location'];

export const catalogConfigSection = defineConfigSection(
  'catalog',
  z.object({
    locations: z.array(locationSchema).default([]),
    rules: z.array(ruleSchema).default([{ allow: [...DEFAULT_ALLOWED_KINDS] }]),
    refreshInterval: durationSchema.default(60_000),
    /** How often each replica looks for due locations; small, because claiming costs one query. */
    schedulerPollInterval: durationSchema.default(1_000),
    /** Locations one replica refreshes at the same time. */
    refreshConcurrency: z.number().int().min(1).max(64).default(4),
    /** How long a claimed location stays claimed if its replica dies mid-refresh. */
    refreshLease: durationSchema.default(300_000),
    orphanStrategy: z.enum(['delete', 'keep']).default('delete'),
    /**
     * How long registering a location through the API waits for it to be read before answering
     * with the registered file's entities alone and reading the rest in the background.
     */
    registerWait: durationSchema.default(3_000),
    /** Entities written or deleted by refreshes that call for fresh planner statistics (ANALYZE after they commit). */
    analyzeAfterWrites: z.number().int().min(1).default(2_000),
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
