import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecureTemplater, TemplateError } from './SecureTemplater.js';

let templater: SecureTemplater;
beforeAll(async () => {
  templater = await SecureTemplater.create({ timeoutMs: 300, memoryLimitBytes: 32 * 1024 * 1024 });
});
afterAll(() => templater.dispose());

const context = {
  parameters: { name: 'payments', count: 3, enabled: false, tags: ['a', 'b'], repoUrl: 'localhost:7007?owner=acme&repo=payments' },
  steps: { fetch: { output: { path: '/x', nested: { n: 1 } } } },
  user: { ref: 'user:default/jane', entity: { metadata: { name: 'jane' } } },
  values: { owner: 'group:default/team-a' },
};

describe('SecureTemplater', () => {
  it('renders expressions, tags and nunjucks filters', () => {
    expect(templater.renderString('hello ${{ parameters.name | upper }}', context)).toBe('hello PAYMENTS');
    expect(templater.renderString('{% for t in parameters.tags %}[${{ t }}]{% endfor %}', context)).toBe('[a][b]');
    expect(templater.renderString('${{ steps["fetch"].output.path }}', context)).toBe('/x');
    expect(templater.renderString('${{ user.entity.metadata.name }} ${{ user.ref }}', context)).toBe('jane user:default/jane');
    expect(templater.renderString('plain {{ kept }} text', context)).toBe('plain {{ kept }} text');
  });

  it('keeps the JSON type of a single expression', () => {
    expect(templater.renderValue('${{ parameters.count }}', context)).toBe(3);
    expect(templater.renderValue('${{ parameters.enabled }}', context)).toBe(false);
    expect(templater.renderValue(' ${{ parameters.tags }} ', context)).toEqual(['a', 'b']);
    expect(templater.renderValue('${{ steps.fetch.output.nested }}', context)).toEqual({ n: 1 });
    expect(templater.renderValue('${{ parameters.missing }}', context)).toBeUndefined();
    expect(templater.renderValue('n=${{ parameters.count }}', context)).toBe('n=3');
    expect(templater.renderValue({ a: ['${{ parameters.count }}', 'x'], b: 2 }, context)).toEqual({ a: [3, 'x'], b: 2 });
  });

  it('has the Backstage filters', () => {
    expect(templater.renderValue('${{ parameters.repoUrl | parseRepoUrl }}', context)).toEqual({
      host: 'localhost:7007',
      owner: 'acme',
      repo: 'payments',
    });
    expect(templater.renderValue('${{ parameters.repoUrl | projectSlug }}', context)).toBe('acme/payments');
    expect(templater.renderValue('${{ values.owner | parseEntityRef }}', context)).toEqual({
      kind: 'group',
      namespace: 'default',
      name: 'team-a',
    });
    expect(templater.renderValue('${{ values.owner | parseEntityRef | pick("name") }}', context)).toBe('team-a');
    expect(templater.renderValue("${{ 'jane' | parseEntityRef({ defaultKind: 'user' }) | pick('kind') }}", context)).toBe('user');
    expect(() => templater.renderValue("${{ 'x' | parseRepoUrl }}", context)).toThrow(/missing repo/);
  });

  it('reports syntax errors as TemplateError', () => {
    expect(() => templater.renderString('${{ parameters.name | }}', context)).toThrow(TemplateError);
    expect(() => templater.renderString('{% if %}', context)).toThrow(/Template error/);
  });
});

describe('SecureTemplater sandbox', () => {
  const escapes = [
    "${{ ''.constructor.constructor('return typeof process')() }}",
    "${{ ''.constructor.constructor('return typeof require')() }}",
    "${{ ''.constructor.constructor('return typeof fetch + typeof XMLHttpRequest + typeof setTimeout')() }}",
    "${{ [].constructor.constructor('return Object.keys(globalThis).join()')() }}",
  ];

  it('exposes no host globals through constructor escapes', () => {
    expect(templater.renderString(escapes[0]!, context)).toBe('undefined');
    expect(templater.renderString(escapes[1]!, context)).toBe('undefined');
    expect(templater.renderString(escapes[2]!, context)).toBe('undefinedundefinedundefined');
    const globals = templater.renderString(escapes[3]!, context);
    expect(globals).not.toMatch(/process|require|Buffer|fs/);
  });

  it('cannot import or read files', () => {
    expect(() => templater.renderString("${{ ''.constructor.constructor('return import(\"fs\")')() }}", context)).not.toThrow(/ENOENT/);
    const out = templater.renderString("${{ ''.constructor.constructor('try { return String(process.mainModule) } catch (e) { return e.name }')() }}", context);
    expect(out).toBe('ReferenceError');
  });

  it('stops infinite loops with a clear error and keeps working afterwards', () => {
    const started = Date.now();
    expect(() => templater.renderString("${{ ''.constructor.constructor('while (true) {}')() }}", context)).toThrow(/took longer than 300 ms/);
    expect(() => templater.renderString('{% for i in range(0, 100000000) %}x{% endfor %}', context)).toThrow(TemplateError);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(templater.renderString('${{ parameters.name }}', context)).toBe('payments');
  });

  it('stops memory exhaustion', () => {
    expect(() => templater.renderString("${{ ''.constructor.constructor('var s = \"x\"; while (true) s = s + s')() }}", context)).toThrow(TemplateError);
    expect(() => templater.renderString("${{ ''.constructor.constructor('function f() { return f() } return f()')() }}", context)).toThrow(TemplateError);
    expect(templater.renderString('${{ parameters.name }}', context)).toBe('payments');
  });

  it('does not let prototype pollution reach the host', () => {
    templater.renderString("${{ ''.constructor.constructor('Object.prototype.polluted = 1; return 1')() }}", context);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const value = templater.renderValue({ __proto__: '${{ parameters.name }}', ok: 1 }, context) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    const parsed = templater.renderValue('${{ steps.evil }}', { steps: JSON.parse('{"evil": {"__proto__": {"polluted": 1}}}') });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });

  it('does not leak host details in errors', () => {
    try {
      templater.renderString("${{ ''.constructor.constructor('throw new Error(\"boom\")')() }}", context);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toContain('boom');
      expect((error as Error).message).not.toMatch(/\/work|node_modules|\.ts|\.js:/);
    }
  });
});
