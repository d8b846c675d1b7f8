import { describe, expect, it } from 'vitest';
import { parseRepoPickerUrl, serializeRepoPickerUrl } from '../../common/index.js';
import { catalogFilterToQuery } from './fields/fieldOptions.js';
import { entityNameCheck, entityRefCheck, entityRefListCheck, entityTagsCheck, repoUrlCheck } from './fieldValidation.js';

describe('field extension checks', () => {
  it('EntityNamePicker follows the catalog name rule', () => {
    expect(entityNameCheck('payments-api', {})).toEqual([]);
    expect(entityNameCheck('-bad', {})).toHaveLength(1);
    expect(entityNameCheck('x'.repeat(64), {})).toHaveLength(1);
  });

  it('RepoUrlPicker needs an owner and a repository, from the allowed lists', () => {
    const options = { allowedHosts: ['localhost:7007'], allowedOwners: ['acme'] };
    expect(repoUrlCheck('localhost:7007?owner=acme&repo=payments', options)).toEqual([]);
    expect(repoUrlCheck('localhost:7007?owner=acme', options)).toEqual(['needs a repository name']);
    expect(repoUrlCheck('localhost:7007?owner=acme&repo=-rf', options)).toHaveLength(1);
    expect(repoUrlCheck('github.com?owner=evil&repo=x y', options)).toEqual([
      'host must be one of localhost:7007',
      'owner must be one of acme',
      'repository name may only contain letters, digits, ".", "_" and "-", and may not start with "." or "-"',
    ]);
  });

  it('entity refs and tags', () => {
    expect(entityRefCheck('group:default/platform-team', {})).toEqual([]);
    expect(entityRefCheck('group:', {})).toHaveLength(1);
    expect(entityRefListCheck(['system:default/storefront', 'component:payments'], {})).toEqual([]);
    expect(entityRefListCheck(['system:default/storefront', 'group:'], {})).toEqual([expect.stringMatching(/^group:: /)]);
    expect(entityTagsCheck(['java', 'Bad Tag'], {})).toEqual(['"Bad Tag": tags are lower-case words joined by single dashes']);
  });
});

describe('RepoUrlPicker values', () => {
  it("round-trips Backstage's host?owner=&repo= form", () => {
    const value = 'localhost:7007?owner=acme&repo=my-service';
    expect(parseRepoPickerUrl(value)).toEqual({ host: 'localhost:7007', owner: 'acme', repo: 'my-service' });
    expect(serializeRepoPickerUrl(parseRepoPickerUrl(value))).toBe(value);
    expect(parseRepoPickerUrl(undefined)).toEqual({ host: '' });
  });
});

describe('catalogFilterToQuery', () => {
  it('turns catalogFilter into query filters: keys ANDed, list values and list filters ORed', () => {
    expect(catalogFilterToQuery({ kind: 'Group' })).toEqual(['kind=group']);
    expect(catalogFilterToQuery([{ kind: ['Component', 'API'], 'spec.lifecycle': 'production' }, { kind: 'System' }])).toEqual([
      'kind=component,spec.lifecycle=production',
      'kind=api,spec.lifecycle=production',
      'kind=system',
    ]);
    expect(catalogFilterToQuery(undefined)).toEqual([]);
  });
});
