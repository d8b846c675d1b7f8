import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from './ConfigError.js';
import { durationSchema, parseDuration } from './duration.js';
import { loadConfig } from './loadConfig.js';
import { defineConfigSection, readConfigSections } from './readConfig.js';

function folderWith(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-config-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('loadConfig', () => {
  it('merges later files over earlier ones, objects key by key and arrays replaced whole', () => {
    const cwd = folderWith({
      'app-config.yaml': 'app: { title: Base, keep: yes }\nlist: [1, 2]\n',
      'prod.yaml': 'app: { title: Prod }\nlist: [3]\n',
      'extra.yaml': 'app: { title: Extra }\n',
    });
    const config = loadConfig({ cwd, env: {}, files: ['prod.yaml', 'extra.yaml'] });
    expect(config).toEqual({ app: { title: 'Extra', keep: 'yes' }, list: [3] });
  });

  it('substitutes ${VAR} in any string, keeps $${VAR} literal, and lets PORT set the listen port', () => {
    const cwd = folderWith({
      'app-config.yaml': 'database:\n  connection: postgres://${DB_USER}@db/${DB_NAME}\nnote: "$${NOT_A_VAR}"\n',
    });
    const config = loadConfig({ cwd, env: { DB_USER: 'portal', DB_NAME: 'main', PORT: '8080' } });
    expect(config).toEqual({
      database: { connection: 'postgres://portal@db/main' },
      note: '${NOT_A_VAR}',
      backend: { listen: { port: '8080' } },
    });
  });

  it('collects every problem across files instead of stopping at the first', () => {
    const cwd = folderWith({ 'app-config.yaml': 'a: ${UNSET_ONE}\nb:\n  - ${UNSET_TWO}\n', 'bad.yaml': 'a: [unclosed' });
    try {
      loadConfig({ cwd, env: {}, files: ['bad.yaml', 'absent.yaml'] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(4);
      expect(problems[0]).toBe('a: environment variable UNSET_ONE is not set');
      expect(problems[1]).toBe('b[0]: environment variable UNSET_TWO is not set');
      expect(problems[2]).toMatch(/bad\.yaml:2:1: unexpected end of the stream/);
      expect(problems[3]).toMatch(/absent\.yaml: cannot be read/);
    }
  });
});

describe('readConfigSections', () => {
  it('lists each problem with its full key path', () => {
    const sections = {
      catalog: defineConfigSection('catalog', z.object({ refreshInterval: durationSchema, locations: z.array(z.object({ target: z.string() })) })),
    };
    expect(() => readConfigSections({ catalog: { refreshInterval: 'often', locations: [{ target: 3 }] } }, sections)).toThrow(
      /catalog\.refreshInterval: expected a duration[\s\S]*catalog\.locations\.0\.target: /,
    );
  });
});

describe('parseDuration', () => {
  it('reads the duration forms people write in config', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration({ minutes: 1, seconds: 30 })).toBe(90_000);
    expect(parseDuration(1500)).toBe(1500);
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseDuration({ fortnights: 1 })).toBeUndefined();
    expect(parseDuration(-1)).toBeUndefined();
  });
});
