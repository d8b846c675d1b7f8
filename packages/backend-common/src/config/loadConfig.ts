import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { ConfigError } from './ConfigError.js';

export type ConfigObject = { [key: string]: unknown };

export interface LoadConfigOptions {
  /** Files to read in order; later files win. Defaults to `app-config.yaml` in `cwd`. */
  files?: string[];
  cwd?: string;
  env?: Record<string, string | undefined>;
}

/** Reads `--config <file>` arguments (repeatable) from a command line. */
export function configFilesFromArgv(argv: string[]): string[] {
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--config' || arg === '-c') {
      const next = argv[i + 1];
      if (next) files.push(next);
      i++;
    } else if (arg.startsWith('--config=')) {
      files.push(arg.slice('--config='.length));
    }
  }
  return files;
}

/**
 * Loads and merges the config files. `app-config.yaml` is the base; every file named with
 * `--config` merges over it in order, objects key by key and anything else replaced whole, as in
 * Backstage. `${VAR}` in any string is replaced from the environment (`$${VAR}` is a literal).
 */
export function loadConfig(options: LoadConfigOptions = {}): ConfigObject {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const base = path.resolve(cwd, 'app-config.yaml');
  const extra = (options.files ?? []).map(f => path.resolve(cwd, f));
  const files = extra.includes(base) ? extra : [base, ...extra];

  const problems: string[] = [];
  let merged: ConfigObject = {};
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      problems.push(`${file}: cannot be read`);
      continue;
    }
    let data: unknown;
    try {
      data = yaml.load(text) ?? {};
    } catch (error) {
      const { reason, mark } = error as yaml.YAMLException;
      problems.push(mark ? `${file}:${mark.line + 1}:${mark.column + 1}: ${reason}` : `${file}: ${reason}`);
      continue;
    }
    if (!isPlainObject(data)) {
      problems.push(`${file}: the top level must be a mapping`);
      continue;
    }
    merged = mergeConfig(merged, substituteEnv(data, env, '', problems) as ConfigObject);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const port = env.PORT;
  if (port) {
    const backend = isPlainObject(merged.backend) ? merged.backend : {};
    const listen = isPlainObject(backend.listen) ? backend.listen : {};
    merged = { ...merged, backend: { ...backend, listen: { ...listen, port } } };
  }
  return merged;
}

export function mergeConfig(base: ConfigObject, over: ConfigObject): ConfigObject {
  const out: ConfigObject = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? mergeConfig(current, value) : value;
  }
  return out;
}

function substituteEnv(value: unknown, env: Record<string, string | undefined>, keyPath: string, problems: string[]): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$(\$?)\{([^}]*)\}/g, (whole, escaped: string, name: string) => {
      if (escaped) return whole.slice(1);
      const trimmed = name.trim();
      const replacement = env[trimmed];
      if (replacement === undefined) {
        problems.push(`${keyPath || '(root)'}: environment variable ${trimmed} is not set`);
        return '';
      }
      return replacement;
    });
  }
  if (Array.isArray(value)) {
    return value.map((item, i) => substituteEnv(item, env, `${keyPath}[${i}]`, problems));
  }
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteEnv(v, env, keyPath ? `${keyPath}.${k}` : k, problems)]));
  }
  return value;
}

export function isPlainObject(value: unknown): value is ConfigObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
