import type { z } from 'zod';
import { ConfigError } from './ConfigError.js';
import type { ConfigObject } from './loadConfig.js';

/** One plugin's or package's config section and the zod schema that validates it. */
export interface ConfigSection<T extends z.ZodType = z.ZodType> {
  key: string;
  schema: T;
}

export function defineConfigSection<T extends z.ZodType>(key: string, schema: T): ConfigSection<T> {
  return { key, schema };
}

/**
 * Validates every section at once and throws one ConfigError listing every problem with its key
 * path, so a person fixing their config sees all of it in one go.
 */
export function readConfigSections<S extends Record<string, ConfigSection>>(config: ConfigObject, sections: S): { [K in keyof S]: z.output<S[K]['schema']> } {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [name, section] of Object.entries(sections)) {
    const result = section.schema.safeParse(config[section.key] ?? {});
    if (result.success) {
      out[name] = result.data;
    } else {
      for (const issue of result.error.issues) {
        const keyPath = [section.key, ...issue.path.map(String)].join('.');
        problems.push(`${keyPath}: ${issue.message}`);
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return out as { [K in keyof S]: z.output<S[K]['schema']> };
}
