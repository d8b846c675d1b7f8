import { describe, expect, it } from 'vitest';
import { getEntityRelations } from './relations.js';
import type { Entity } from './types.js';

const pairs = (entity: Entity) =>
  getEntityRelations(entity)
    .map(r => `${r.sourceRef} ${r.type} ${r.targetRef}`)
    .sort();

describe('getEntityRelations', () => {
  it('derives both directions of every Component field, in the entity namespace', () => {
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'Payments', namespace: 'shop' },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: 'Team-A',
        system: 'billing',
        subcomponentOf: 'default/core',
        providesApis: ['payments-api'],
        consumesApis: ['api:default/ledger'],
        dependsOn: ['resource:db'],
        dependencyOf: ['component:checkout'],
      },
    };
    expect(pairs(entity)).toEqual(
      [
        'component:shop/payments ownedBy group:shop/team-a',
        'group:shop/team-a ownerOf component:shop/payments',
        'component:shop/payments partOf system:shop/billing',
        'system:shop/billing hasPart component:shop/payments',
        'component:shop/payments partOf component:default/core',
        'component:default/core hasPart component:shop/payments',
        'component:shop/payments providesApi api:shop/payments-api',
        'api:shop/payments-api apiProvidedBy component:shop/payments',
        'component:shop/payments consumesApi api:default/ledger',
        'api:default/ledger apiConsumedBy component:shop/payments',
        'component:shop/payments dependsOn resource:shop/db',
        'resource:shop/db dependencyOf component:shop/payments',
        'component:shop/payments dependencyOf component:shop/checkout',
        'component:shop/checkout dependsOn component:shop/payments',
      ].sort(),
    );
  });

  it('derives group, user, system and domain relations', () => {
    const group: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'team-a' },
      spec: { type: 'team', parent: 'org', children: ['team-b'], members: ['jdoe'] },
    };
    expect(pairs(group)).toEqual(
      [
        'group:default/team-a childOf group:default/org',
        'group:default/org parentOf group:default/team-a',
        'group:default/team-a parentOf group:default/team-b',
        'group:default/team-b childOf group:default/team-a',
        'group:default/team-a hasMember user:default/jdoe',
        'user:default/jdoe memberOf group:default/team-a',
      ].sort(),
    );
    const user: Entity = { apiVersion: 'backstage.io/v1alpha1', kind: 'User', metadata: { name: 'jdoe' }, spec: { memberOf: ['team-a'] } };
    expect(pairs(user)).toEqual(['group:default/team-a hasMember user:default/jdoe', 'user:default/jdoe memberOf group:default/team-a']);
    const system: Entity = { apiVersion: 'backstage.io/v1alpha1', kind: 'System', metadata: { name: 's' }, spec: { owner: 'user:jdoe', domain: 'd' } };
    expect(pairs(system)).toContain('system:default/s partOf domain:default/d');
    expect(pairs(system)).toContain('user:default/jdoe ownerOf system:default/s');
    const domain: Entity = { apiVersion: 'backstage.io/v1alpha1', kind: 'Domain', metadata: { name: 'd' }, spec: { owner: 'a', subdomainOf: 'top' } };
    expect(pairs(domain)).toContain('domain:default/top hasPart domain:default/d');
  });

  it('skips references it cannot parse and entities of kinds without relations', () => {
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'x' },
      spec: { owner: 'group:', dependsOn: ['no-kind', 7, 'resource:db', 'resource:db'] },
    };
    expect(pairs(entity)).toEqual(['component:default/x dependsOn resource:default/db', 'resource:default/db dependencyOf component:default/x']);
    expect(getEntityRelations({ apiVersion: 'backstage.io/v1alpha1', kind: 'Location', metadata: { name: 'l' }, spec: { target: 'x' } })).toEqual([]);
  });

  it('derives ownership and system for templates', () => {
    const template: Entity = {
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: { name: 't' },
      spec: { owner: 'team-a', system: 'golden', steps: [] },
    };
    expect(pairs(template)).toEqual(
      [
        'template:default/t ownedBy group:default/team-a',
        'group:default/team-a ownerOf template:default/t',
        'template:default/t partOf system:default/golden',
        'system:default/golden hasPart template:default/t',
      ].sort(),
    );
  });
});
