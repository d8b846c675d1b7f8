import { describe, expect, it } from 'vitest';
import type { Entity } from '@portal/catalog-model';
import { filterTemplates, templateFacets } from '../gallery/filterTemplates.js';
import { splitTemplateSchema } from '../form/templateSchema.js';
import { secretFieldNames, splitSecrets } from './formValues.js';
import { reviewRows } from './reviewRows.js';

describe('wizard values', () => {
  const step = splitTemplateSchema({
    title: 'Access',
    properties: {
      token: { type: 'string', title: 'API token', 'ui:field': 'Secret' },
      region: { type: 'string', title: 'Region', enum: ['eu', 'us'], enumNames: ['Europe', 'United States'] },
      hidden: { type: 'string', 'ui:backstage': { review: { show: false } } },
    },
    'ui:order': ['region', '*'],
  });

  it('sends Secret fields as secrets, never as values', () => {
    const names = secretFieldNames([step.uiSchema]);
    expect(splitSecrets({ token: 's3cret', region: 'eu', empty: undefined }, names)).toEqual({ values: { region: 'eu' }, secrets: { token: 's3cret' } });
  });

  it('reviews answers in form order, masking secrets, naming enum values, hiding what the template hides', () => {
    const rows = reviewRows(step.schema, step.uiSchema, { token: 's3cret', region: 'us', hidden: 'x' }, secretFieldNames([step.uiSchema]));
    expect(rows).toEqual([
      { name: 'region', title: 'Region', value: 'United States' },
      { name: 'token', title: 'API token', value: '••••••' },
    ]);
  });
});

describe('template gallery filters', () => {
  const entity = (name: string, type: string, tags: string[], description = ''): Entity => ({
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name, tags, description },
    spec: { type },
  });
  const templates = [
    entity('node-service', 'service', ['nodejs', 'recommended']),
    entity('react-site', 'website', ['react'], 'A static site'),
    entity('lib', 'library', ['nodejs']),
  ];

  it('filters by words, type and every chosen tag', () => {
    const names = (list: Entity[]) => list.map(e => e.metadata.name);
    expect(names(filterTemplates(templates, { search: 'static', tags: [] }))).toEqual(['react-site']);
    expect(names(filterTemplates(templates, { search: '', tags: ['nodejs'] }))).toEqual(['node-service', 'lib']);
    expect(names(filterTemplates(templates, { search: '', type: 'library', tags: ['nodejs'] }))).toEqual(['lib']);
    expect(templateFacets(templates)).toEqual({ types: ['library', 'service', 'website'], tags: ['nodejs', 'react', 'recommended'] });
  });
});
