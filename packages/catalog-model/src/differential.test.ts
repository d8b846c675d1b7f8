import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  domainEntityV1alpha1Validator,
  EntityPolicies,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  NoForeignRootFieldsEntityPolicy,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  type Entity as BackstageEntity,
  type KindValidator,
} from '@backstage/catalog-model';
import { mcpServerApiEntityValidator } from '@backstage/catalog-model/alpha';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, type Document } from 'yaml';
import { CORPUS, INTENDED_DIFFERENCES } from './__fixtures__/corpus.js';
import { parseEntityYaml } from './parseEntityYaml.js';
import { validateEntity } from './validation/validateEntity.js';

// The policy chain Backstage's catalog applies to every entity, then its kind validators.
const policies = EntityPolicies.allOf([
  new SchemaValidEntityPolicy(),
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
]);
const kindValidators: KindValidator[] = [
  apiEntityV1alpha1Validator,
  mcpServerApiEntityValidator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  templateEntityV1beta3Validator,
];

/** Backstage's verdict on a file: read as its catalog reads YAML, then each entity validated. */
async function backstageVerdict(text: string): Promise<boolean> {
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents) || documents.length === 0) return false;
  for (const document of documents) {
    if (!(await backstageAcceptsDocument(document))) return false;
  }
  return true;
}

async function backstageAcceptsDocument(document: Document.Parsed): Promise<boolean> {
  if (document.errors.length > 0) return false;
  let data: unknown;
  try {
    data = document.toJSON();
  } catch {
    return false;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return false;
  let entity: BackstageEntity;
  try {
    const enforced = await policies.enforce(structuredClone(data) as BackstageEntity);
    if (!enforced) return false;
    entity = enforced;
  } catch {
    return false;
  }
  for (const validator of kindValidators) {
    try {
      if (await validator.check(entity)) return true;
    } catch {
      // A validator that recognises the kind but rejects the entity; another may still accept it.
    }
  }
  return false;
}

function ourVerdict(text: string): { valid: boolean; messages: string[] } {
  const { documents, problems } = parseEntityYaml(text, { file: 'case.yaml' });
  const all = [...problems, ...documents.flatMap(d => validateEntity(d.data, { file: 'case.yaml', line: d.line }))];
  const errors = all.filter(p => p.severity === 'error');
  return { valid: documents.length > 0 && errors.length === 0, messages: errors.map(p => p.message) };
}

describe('differential corpus against @backstage/catalog-model', () => {
  it('has at least 150 cases with unique names', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(150);
    expect(new Set(CORPUS.map(c => c.name)).size).toBe(CORPUS.length);
    for (const name of Object.keys(INTENDED_DIFFERENCES)) expect(CORPUS.map(c => c.name)).toContain(name);
  });

  it.each(CORPUS.map(c => [c.name, c] as const))('%s', async (_name, testCase) => {
    const ours = ourVerdict(testCase.yaml);
    expect(ours.valid, ours.messages.join('\n')).toBe(testCase.valid);
    if (!ours.valid) expect(ours.messages.length).toBeGreaterThan(0);
    const theirs = await backstageVerdict(testCase.yaml);
    if (testCase.name in INTENDED_DIFFERENCES) {
      expect(theirs, 'listed as an intended difference, so Backstage must disagree').toBe(!ours.valid);
    } else {
      expect(theirs, 'Backstage gives the same verdict').toBe(ours.valid);
    }
  });
});
