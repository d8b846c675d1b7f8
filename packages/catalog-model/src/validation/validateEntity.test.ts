import { describe, expect, it } from 'vitest';
import { validateEntity } from './validateEntity.js';

const component = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'payments' }) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata,
  spec,
});

describe('validateEntity', () => {
  it('accepts a valid entity', () => {
    expect(validateEntity(component({ type: 'service', lifecycle: 'production', owner: 'team-a' }))).toEqual([]);
  });

  it('says what is missing, where, for which entity', () => {
    const problems = validateEntity(component({ type: 'service', owner: 'team-a' }), { file: 'a.yaml', line: 3 });
    expect(problems).toEqual([
      {
        file: 'a.yaml',
        line: 3,
        entityRef: 'component:default/payments',
        path: 'spec.lifecycle',
        message: 'spec.lifecycle is required for a Component',
        severity: 'error',
      },
    ]);
  });

  it('names the expected type, the rule and the value', () => {
    const problems = validateEntity(
      component({ type: 'service', lifecycle: 3, owner: 'team-a', providesApis: 'x' }, { name: 'bad name', tags: ['Java'], labels: { 'a/b/c': 'x' } }),
    );
    const messages = Object.fromEntries(problems.map(p => [p.path, p.message]));
    expect(messages['spec.lifecycle']).toBe('spec.lifecycle must be a string, not the number 3');
    expect(messages['spec.providesApis']).toBe('spec.providesApis must be a list, not a string');
    expect(messages['metadata.name']).toMatch(/^metadata\.name "bad name" must be 1 to 63 characters/);
    expect(messages['metadata.tags.0']).toMatch(/^metadata\.tags\.0 "Java" must be 1 to 63 characters of lower-case/);
    expect(messages['metadata.labels.a/b/c']).toMatch(/is not a valid label key/);
    expect(problems.every(p => p.entityRef === 'component:default/bad name')).toBe(true);
  });

  it('reports unknown kinds and wrong apiVersions instead of throwing', () => {
    expect(validateEntity({ apiVersion: 'x.io/v1', kind: 'Widget', metadata: { name: 'w' } })).toEqual([
      expect.objectContaining({ path: 'kind', message: expect.stringMatching(/kind "Widget" is not known; known kinds are Component, API/) }),
    ]);
    expect(validateEntity({ ...component({}), kind: 'component' })[0]!.message).toMatch(/did you mean "Component"/);
    expect(validateEntity({ ...component({}), apiVersion: 'backstage.io/v2' })[0]!.message).toBe(
      'apiVersion "backstage.io/v2" is not supported for a Component; use backstage.io/v1alpha1 or backstage.io/v1beta1',
    );
  });

  it('rejects non-mappings and computed root fields', () => {
    expect(validateEntity(['a'])).toEqual([expect.objectContaining({ path: '', message: 'an entity must be a mapping, not a list' })]);
    expect(validateEntity(null)[0]!.message).toBe('an entity must be a mapping, not null');
    const withStatus = { ...component({ type: 's', lifecycle: 'l', owner: 'o' }), status: {} };
    expect(validateEntity(withStatus)).toEqual([expect.objectContaining({ path: 'status', message: expect.stringMatching(/computed by the catalog/) })]);
  });

  it('rejects script links and blank link titles', () => {
    const problems = validateEntity(
      component({ type: 's', lifecycle: 'l', owner: 'o' }, { name: 'x', links: [{ url: 'javascript:alert(1)' }, { url: 'https://ok.example', title: ' ' }] }),
    );
    expect(problems.map(p => p.path)).toEqual(['metadata.links.0.url', 'metadata.links.1.title']);
    expect(problems[0]!.message).toBe('metadata.links.0.url "javascript:alert(1)" must be an absolute http:, https: or mailto: URL');
  });

  it('checks references: errors for unparseable ones, warnings for odd targets', () => {
    const problems = validateEntity(
      component({ type: 's', lifecycle: 'l', owner: 'component:x', system: 'sys:tem:x', dependsOn: ['db', 'widget:y', 'resource:Bad Name'] }),
    );
    expect(problems.map(p => [p.path, p.severity])).toEqual([
      ['spec.owner', 'warning'],
      ['spec.system', 'warning'],
      ['spec.dependsOn.0', 'error'],
      ['spec.dependsOn.1', 'warning'],
      ['spec.dependsOn.2', 'warning'],
    ]);
    expect(problems[0]!.message).toBe('spec.owner should refer to a Group or User, not a Component');
    expect(problems[2]!.message).toMatch(/has no kind; write it as <kind>:db/);
  });

  it('hints at the empty list for required Group children and User memberOf', () => {
    const group = { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'g' }, spec: { type: 'team' } };
    expect(validateEntity(group)[0]!.message).toBe('spec.children is required for a Group (write children: [] when the group has no child groups)');
  });

  it('leaves $text, $json and $yaml placeholders to the catalog', () => {
    const api = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: 'a' },
      spec: { type: 'openapi', lifecycle: 'production', owner: 'o', definition: { $text: './openapi.yaml' } },
    };
    expect(validateEntity(api)).toEqual([]);
    expect(validateEntity({ ...api, spec: { ...api.spec, definition: { $text: 1 } } })).toHaveLength(1);
  });
});
