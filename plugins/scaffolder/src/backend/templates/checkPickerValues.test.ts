import type { Entity } from '@portal/catalog-model';
import { describe, expect, it } from 'vitest';
import { checkPickerValues } from './checkPickerValues.js';

const entity = (kind: string, name: string): Entity => ({ apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name, namespace: 'default' } });
const known = new Map(
  [entity('Group', 'platform-team'), entity('User', 'jane'), entity('System', 'payments'), entity('Component', 'ledger')].map(e => [
    `${e.kind}:default/${e.metadata.name}`.toLowerCase(),
    e,
  ]),
);
const looked: string[] = [];
const context = {
  catalog: {
    getEntityByRef: async (ref: string) => {
      looked.push(ref);
      return known.get(ref);
    },
  },
  repoHosts: ['portal.example.com'],
};

const pages = [
  {
    required: ['name', 'owner'],
    properties: {
      name: { type: 'string', 'ui:field': 'EntityNamePicker' },
      owner: { type: 'string', 'ui:field': 'OwnerPicker' },
      lead: { type: 'string', 'ui:field': 'OwnerPicker', 'ui:options': { allowedKinds: ['User'] } },
      reviewers: { type: 'array', 'ui:field': 'MultiEntityPicker', 'ui:options': { catalogFilter: [{ kind: 'Group' }, { kind: ['User'] }] } },
      anything: { type: 'string', 'ui:field': 'EntityPicker', 'ui:options': { catalogFilter: { 'spec.type': 'service' } } },
      service: {
        type: 'object',
        properties: { system: { type: 'string', 'ui:field': 'EntityPicker', 'ui:options': { catalogFilter: { kind: 'System' }, defaultKind: 'System' } } },
      },
    },
  },
  {
    properties: { publish: { type: 'boolean' } },
    dependencies: {
      publish: {
        oneOf: [
          {
            properties: {
              publish: { const: true },
              repoUrl: { type: 'string', 'ui:field': 'RepoUrlPicker', 'ui:options': { allowedHosts: ['git.example.com'], allowedOwners: ['acme'] } },
            },
            required: ['repoUrl'],
          },
          { properties: { publish: { const: false } } },
        ],
      },
    },
  },
];

const valid = {
  name: 'ledger-api',
  owner: 'platform-team',
  lead: 'user:jane',
  reviewers: ['group:default/platform-team', 'user:default/jane'],
  anything: 'component:ledger',
  service: { system: 'payments' },
  publish: true,
  repoUrl: 'git.example.com?owner=acme&repo=ledger-api',
};

describe('checkPickerValues', () => {
  it('accepts values that name existing entities of the allowed kinds, resolving short refs with the defaults', async () => {
    looked.length = 0;
    expect(await checkPickerValues(pages, valid, context)).toEqual([]);
    expect(looked.sort()).toEqual([
      'component:default/ledger',
      'group:default/platform-team',
      'group:default/platform-team',
      'system:default/payments',
      'user:default/jane',
      'user:default/jane',
    ]);
  });

  it('names each field whose value does not mean what the field means, nested and in dependency branches too', async () => {
    const errors = await checkPickerValues(
      pages,
      {
        name: 'ledger\napi',
        owner: 'system:payments',
        lead: 'platform-team',
        reviewers: ['group:default/platform-team', 'component:default/ledger', 'group:default/nobody'],
        anything: 'component:default/missing',
        service: { system: 'platform-team\n---\nkind: Group' },
        repoUrl: 'github.com?owner=evil&repo=a/b',
      },
      context,
    );
    expect(errors).toEqual([
      { path: '/name', message: expect.stringMatching(/must be an entity name/) },
      { path: '/owner', message: 'must refer to a group or user, not to system:default/payments' },
      { path: '/lead', message: 'must refer to a user, not to group:default/platform-team' },
      { path: '/reviewers/1', message: 'must refer to a group or user, not to component:default/ledger' },
      { path: '/reviewers/2', message: 'group:default/nobody is not in the catalog' },
      { path: '/anything', message: 'component:default/missing is not in the catalog' },
      { path: '/service/system', message: expect.stringMatching(/is not a valid entity reference/) },
      { path: '/repoUrl', message: 'host must be one of git.example.com' },
      { path: '/repoUrl', message: 'owner must be one of acme' },
      { path: '/repoUrl', message: expect.stringMatching(/^repo "a\/b" may only contain/) },
    ]);
  });

  it('leaves empty optional fields alone and refuses empty required ones', async () => {
    expect(await checkPickerValues(pages, { name: 'x', owner: '', lead: '', reviewers: [] }, context)).toEqual([{ path: '/owner', message: 'is required' }]);
  });

  it("offers the portal's publish hosts when a RepoUrlPicker lists none, and takes each part once", async () => {
    const repoPage = [{ properties: { repoUrl: { type: 'string', 'ui:field': 'RepoUrlPicker' } } }];
    const check = (repoUrl: string) => checkPickerValues(repoPage, { repoUrl }, context);
    expect(await check('portal.example.com?owner=acme&repo=ledger')).toEqual([]);
    expect(await check('PORTAL.example.com?organization=acme&repo=ledger_2.x')).toEqual([]);
    expect((await check('git.example.com?owner=acme&repo=ledger')).map(e => e.message)).toEqual(['host must be one of portal.example.com']);
    expect((await check('portal.example.com?owner=acme&repo=ok&repo=..%2Fx')).map(e => e.message)).toEqual(['gives repo more than once']);
    expect((await check('portal.example.com?owner=-x&repo=.git')).map(e => e.message)).toHaveLength(2);
    expect((await check('portal.example.com?repo=ledger%0A')).map(e => e.message)).toEqual([
      'needs an owner',
      expect.stringMatching(/^repo "ledger\n" may only/),
    ]);
    expect((await check('portal.example.com/x?owner=a&repo=b')).map(e => e.message)).toEqual([expect.stringMatching(/must be of the form/)]);
    const emptyLists = [{ properties: { repoUrl: { type: 'string', 'ui:field': 'RepoUrlPicker', 'ui:options': { allowedHosts: [], allowedOwners: [] } } } }];
    expect(await checkPickerValues(emptyLists, { repoUrl: 'portal.example.com?owner=acme&repo=ledger' }, context)).toEqual([]);
  });
});
