import { describe, expect, it } from 'vitest';
import { splitTemplateSchema } from './templateSchema.js';
import { replaceUnknownFields, STANDS_IN_FOR, UNKNOWN_FIELD } from './unknownFields.js';

describe('replaceUnknownFields', () => {
  it('replaces field extensions the portal lacks, at any depth, and keeps the known ones', () => {
    const { uiSchema } = splitTemplateSchema({
      properties: {
        owner: { type: 'string', 'ui:field': 'OwnerPicker' },
        cluster: { type: 'string', 'ui:field': 'AcmeClusterPicker', 'ui:options': { region: 'eu' } },
        service: { type: 'object', properties: { team: { type: 'string', 'ui:field': 'AcmeTeamPicker' } } },
        links: { type: 'array', items: { type: 'string', 'ui:field': 'AcmeLinkPicker' } },
      },
    });
    const replaced = replaceUnknownFields(uiSchema, new Set(['OwnerPicker']));
    expect(replaced.owner).toEqual({ 'ui:field': 'OwnerPicker' });
    expect(replaced.cluster).toEqual({ 'ui:field': UNKNOWN_FIELD, [STANDS_IN_FOR]: 'AcmeClusterPicker', 'ui:options': { region: 'eu' } });
    expect(replaced.service.team).toEqual({ 'ui:field': UNKNOWN_FIELD, [STANDS_IN_FOR]: 'AcmeTeamPicker' });
    expect(replaced.links.items).toEqual({ 'ui:field': UNKNOWN_FIELD, [STANDS_IN_FOR]: 'AcmeLinkPicker' });
    // The template's own uiSchema is left as it was.
    expect(uiSchema.cluster['ui:field']).toBe('AcmeClusterPicker');
  });
});
