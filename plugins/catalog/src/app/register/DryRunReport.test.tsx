import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AddLocationResponse } from '../../common/index.js';
import { DryRunReport, entitiesToAdd } from './DryRunReport.js';

const text = (html: string) =>
  html
    .replace(/<(style|title)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const location = {
  id: 'url:https://git.example.com/acme/docs/blob/main/mkdocs.yml',
  type: 'url' as const,
  target: 'x',
  entityRef: 'location:default/generated-1',
};
const generated = { apiVersion: 'backstage.io/v1alpha1', kind: 'Location', metadata: { name: 'generated-1', namespace: 'default' }, spec: {} };

describe('the register dry run report', () => {
  it('says there is nothing to register when only the generated Location would be added, and why', () => {
    const preview: AddLocationResponse = {
      location,
      entities: [generated],
      exists: false,
      files: [
        {
          path: 'mkdocs.yml',
          url: 'https://git.example.com/acme/docs/blob/main/mkdocs.yml',
          entityRefs: [],
          errors: [
            {
              file: 'mkdocs.yml',
              line: 1,
              entityRef: null,
              type: 'validation',
              message: 'Not a catalog entity: this looks like an MkDocs configuration (site_name, nav).',
            },
          ],
        },
      ],
    };
    expect(entitiesToAdd(preview)).toEqual([]);
    const shown = text(renderToStaticMarkup(<DryRunReport preview={preview} />));
    expect(shown).toContain('Nothing to register No entity in this location can be added; the problems below say why.');
    expect(shown).toContain('mkdocs.yml — 1 problem Not an entity Not a catalog entity: this looks like an MkDocs configuration (site_name, nav). line 1');
  });

  it('lists what would be added and warns that the problems stay on the location', () => {
    const component = { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'half-docs', namespace: 'default' }, spec: {} };
    const preview: AddLocationResponse = {
      location,
      entities: [component, generated],
      files: [
        {
          path: 'catalog-info.yaml',
          url: null,
          entityRefs: ['component:default/half-docs'],
          errors: [{ file: 'catalog-info.yaml', line: 9, entityRef: null, type: 'rule', message: 'Kind Group may not be added' }],
        },
        {
          path: 'missing.yaml',
          url: null,
          entityRefs: [],
          errors: [{ file: 'missing.yaml', line: null, entityRef: null, type: 'read', message: 'missing.yaml does not exist' }],
        },
      ],
    };
    const shown = text(renderToStaticMarkup(<DryRunReport preview={preview} />));
    expect(shown).toContain('The following entity will be added Component: default/half-docs');
    expect(shown).toContain('2 problems below will stay on the location');
    expect(shown).toContain('Refused by catalog.rules Kind Group may not be added line 9');
    expect(shown).toContain('Missing file missing.yaml does not exist');
    expect(shown).not.toContain('Nothing to register');
  });
});
