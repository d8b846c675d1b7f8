import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { getDefaultFormState, type ErrorSchema, type RJSFSchema } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import { createFieldExtensionValidator } from './fieldValidation.js';
import { splitTemplateSchema } from './templateSchema.js';
import { FormValidator } from './validator.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
// The real golden-path template: its pages are what the wizard renders.
const template = yaml.load(fs.readFileSync(path.join(repoRoot, 'templates/typescript-service/template.yaml'), 'utf8')) as {
  spec: { parameters: Array<Record<string, unknown>> };
};
const page = (index: number) => splitTemplateSchema(template.spec.parameters[index]!);

describe('FormValidator (interprets schemas, no eval)', () => {
  it('puts a missing required property on that field, with a readable message', () => {
    const { schema } = page(0);
    const { errors, errorSchema } = new FormValidator().validateFormData({ name: 'payments' }, schema);
    expect(errors.map(e => e.property).sort()).toEqual(['.description', '.owner']);
    expect(errorSchema).toMatchObject({ owner: { __errors: ['is required'] }, description: { __errors: ['is required'] } });
  });

  it('reports the rules of the conditional section the data chose, not of the others', () => {
    const { schema } = page(2);
    const validator = new FormValidator();
    const missing = validator.validateFormData({ nodeVersion: '22', port: 8080, kubernetes: true }, schema);
    expect(missing.errors.map(e => `${e.property} ${e.message}`).sort()).toEqual(['.namespace is required', '.replicas is required']);

    const bad = validator.validateFormData({ nodeVersion: '22', port: 80, kubernetes: true, namespace: 'Prod!', replicas: 2 }, schema);
    expect(bad.errors.map(e => `${e.property} ${e.message}`).sort()).toEqual([
      '.namespace must match the pattern ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
      '.port must be at least 1024',
    ]);

    expect(validator.validateFormData({ nodeVersion: '22', port: 8080, kubernetes: false }, schema).errors).toEqual([]);
  });

  it("lets rjsf fill in the chosen section's defaults (isValid drives the choice)", () => {
    const { schema } = page(2);
    const validator = new FormValidator();
    expect(getDefaultFormState(validator, schema, {}, schema)).toEqual({ nodeVersion: '22', port: 8080, kubernetes: true, namespace: 'default', replicas: 2 });
    expect(getDefaultFormState(validator, schema, { kubernetes: false }, schema)).toEqual({ nodeVersion: '22', port: 8080, kubernetes: false });
  });

  it("adds the field extensions' own checks through customValidate", () => {
    const { schema, uiSchema } = page(0);
    const result = new FormValidator().validateFormData(
      { name: 'Bad Name!', description: 'x', owner: 'group:default/platform-team' },
      schema,
      createFieldExtensionValidator(uiSchema),
      undefined,
      uiSchema,
    );
    const errors = result.errorSchema as ErrorSchema<{ name: string; owner: string }>;
    expect(errors.name?.__errors?.[0]).toMatch(/^must be 1–63 characters/);
    expect(errors.owner?.__errors ?? []).toEqual([]);
  });

  it('reports a broken schema instead of throwing', () => {
    const broken = { type: 'object', properties: { a: { $ref: '#/definitions/missing' } } } as RJSFSchema;
    const result = new FormValidator().validateFormData({ a: 1 }, broken);
    expect(result.errors.at(-1)?.stack).toMatch(/^The form's schema is invalid/);
  });
});

describe('splitTemplateSchema', () => {
  it('moves ui:* hints (also in dependencies) into the uiSchema and enumNames into ui:enumNames', () => {
    const { schema, uiSchema } = page(2);
    expect(JSON.stringify(schema)).not.toMatch(/"ui:|enumNames/);
    expect(uiSchema.nodeVersion).toEqual({ 'ui:enumNames': ['Node.js 22 (active LTS)', 'Node.js 20 (maintenance LTS)'] });
    const about = page(0);
    expect(about.uiSchema.name).toEqual({ 'ui:field': 'EntityNamePicker', 'ui:autofocus': true });
    expect(about.uiSchema.owner).toEqual({ 'ui:field': 'OwnerPicker', 'ui:options': { catalogFilter: { kind: 'Group' } } });
  });
});
