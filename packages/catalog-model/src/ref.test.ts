import { describe, expect, it } from 'vitest';
import { getDefaultKindForField } from './kinds.js';
import { parseEntityRef, stringifyEntityRef } from './ref.js';

describe('parseEntityRef', () => {
  it('reads every form of [kind:][namespace/]name', () => {
    expect(parseEntityRef('component:payments/api')).toEqual({ kind: 'component', namespace: 'payments', name: 'api' });
    expect(parseEntityRef('component:api')).toEqual({ kind: 'component', namespace: 'default', name: 'api' });
    expect(parseEntityRef('ops/api', { defaultKind: 'Group' })).toEqual({ kind: 'Group', namespace: 'ops', name: 'api' });
    expect(parseEntityRef('api', { defaultKind: 'Group', defaultNamespace: 'ops' })).toEqual({ kind: 'Group', namespace: 'ops', name: 'api' });
  });

  it('keeps a colon after the namespace as part of the name', () => {
    expect(parseEntityRef('ns/a:b', { defaultKind: 'Component' })).toEqual({ kind: 'Component', namespace: 'ns', name: 'a:b' });
  });

  it('throws on malformed or kind-less refs', () => {
    expect(() => parseEntityRef('')).toThrow(/empty/);
    expect(() => parseEntityRef('group:')).toThrow(/form/);
    expect(() => parseEntityRef(':x')).toThrow(/form/);
    expect(() => parseEntityRef('group:/x')).toThrow(/form/);
    expect(() => parseEntityRef('x')).toThrow(/no kind/);
    expect(() => parseEntityRef(42 as unknown as string)).toThrow(/string/);
  });
});

describe('stringifyEntityRef', () => {
  it('gives the canonical lower-case form for refs and entities', () => {
    expect(stringifyEntityRef({ kind: 'Component', namespace: 'Default', name: 'Payments' })).toBe('component:default/payments');
    expect(stringifyEntityRef({ apiVersion: 'backstage.io/v1alpha1', kind: 'API', metadata: { name: 'Pay' } })).toBe('api:default/pay');
  });

  it('round-trips case-insensitively', () => {
    for (const ref of ['Group:Ops/Team-A', 'user:default/jdoe', 'API:x/y.z']) {
      expect(stringifyEntityRef(parseEntityRef(ref))).toBe(ref.toLowerCase());
    }
  });
});

describe('getDefaultKindForField', () => {
  it('gives the default kind of each reference field', () => {
    expect(getDefaultKindForField('Component', 'owner')).toBe('Group');
    expect(getDefaultKindForField('Component', 'spec.system')).toBe('System');
    expect(getDefaultKindForField('component', 'providesApis')).toBe('API');
    expect(getDefaultKindForField('Component', 'subcomponentOf')).toBe('Component');
    expect(getDefaultKindForField('System', 'domain')).toBe('Domain');
    expect(getDefaultKindForField('Domain', 'subdomainOf')).toBe('Domain');
    expect(getDefaultKindForField('Group', 'members')).toBe('User');
    expect(getDefaultKindForField('User', 'memberOf')).toBe('Group');
    expect(getDefaultKindForField('Component', 'dependsOn')).toBeUndefined();
    expect(getDefaultKindForField('Widget', 'owner')).toBeUndefined();
  });
});
