import { describe, expect, it } from 'vitest';
import { catalogFileProblems, looksLikeCatalogFile } from './catalogLint.js';

const component = (extra = '') => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: cart
spec:
  type: service
  lifecycle: production
  owner: shop-team${extra}
`;

describe('catalog problems in the editor', () => {
  it('finds nothing in a valid entity and knows catalog files from other YAML', () => {
    expect(catalogFileProblems('catalog-info.yaml', component())).toEqual([]);
    expect(looksLikeCatalogFile('catalog-info.yaml', component())).toBe(true);
    expect(looksLikeCatalogFile('mkdocs.yml', 'site_name: Cart\nnav: []\n')).toBe(false);
    expect(looksLikeCatalogFile('README.md', component())).toBe(false);
  });

  it('puts each problem on its line, as the catalog would report it', () => {
    const problems = catalogFileProblems('catalog-info.yaml', component().replace('name: cart', 'name: "not a name!"'));
    expect(problems).toEqual([expect.objectContaining({ path: 'metadata.name', line: 4, severity: 'error' })]);
    const broken = catalogFileProblems('catalog-info.yaml', 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: [\n');
    expect(broken[0]).toMatchObject({ severity: 'error' });
    expect(broken[0]!.line).toBeGreaterThanOrEqual(3);
  });
});
