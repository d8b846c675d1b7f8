import { isValidObjectName, isValidTag, parseEntityRef } from '@portal/catalog-model';
import type { CustomValidator, FormValidation, RJSFSchema, UiSchema } from '@rjsf/utils';
import { isValidRepoName, parseRepoPickerUrl } from '../../common/index.js';

type Json = Record<string, unknown>;

/** Checks a field extension applies beyond the JSON Schema; each returns messages, empty when valid. */
export type FieldCheck = (value: unknown, options: Json) => string[];

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const stringList = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;

export const entityNameCheck: FieldCheck = value =>
  typeof value === 'string' && value !== '' && !isValidObjectName(value)
    ? ['must be 1–63 characters: letters, digits, "-", "_" and ".", starting and ending with a letter or digit']
    : [];

export const entityRefCheck: FieldCheck = (value, options) => {
  if (typeof value !== 'string' || value === '') return [];
  try {
    parseEntityRef(value, { defaultKind: typeof options.defaultKind === 'string' ? options.defaultKind : 'group' });
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
};

export const entityRefListCheck: FieldCheck = (value, options) =>
  (Array.isArray(value) ? value : []).flatMap(item => entityRefCheck(item, options).map(message => `${String(item)}: ${message}`));

export const entityTagsCheck: FieldCheck = value => {
  const bad = (stringList(value) ?? []).filter(tag => !isValidTag(tag));
  return bad.length ? [`${bad.map(tag => `"${tag}"`).join(', ')}: tags are lower-case words joined by single dashes`] : [];
};

const NAME_RULE = 'may only contain letters, digits, ".", "_" and "-", and may not start with "." or "-"';

export const repoUrlCheck: FieldCheck = (value, options) => {
  if (typeof value !== 'string' || value === '') return [];
  const { host, owner, repo } = parseRepoPickerUrl(value);
  const problems: string[] = [];
  const allowedHosts = stringList(options.allowedHosts);
  const allowedOwners = stringList(options.allowedOwners);
  const allowedRepos = stringList(options.allowedRepos);
  if (!host) problems.push('needs a host');
  else if (allowedHosts?.length && !allowedHosts.includes(host)) problems.push(`host must be one of ${allowedHosts.join(', ')}`);
  if (!owner) problems.push('needs an owner');
  else if (allowedOwners?.length && !allowedOwners.includes(owner)) problems.push(`owner must be one of ${allowedOwners.join(', ')}`);
  else if (!isValidRepoName(owner)) problems.push(`owner ${NAME_RULE}`);
  if (!repo) problems.push('needs a repository name');
  else if (allowedRepos?.length && !allowedRepos.includes(repo)) problems.push(`repository must be one of ${allowedRepos.join(', ')}`);
  else if (!isValidRepoName(repo)) problems.push(`repository name ${NAME_RULE}`);
  return problems;
};

export const FIELD_CHECKS: Record<string, FieldCheck> = {
  EntityNamePicker: entityNameCheck,
  EntityPicker: entityRefCheck,
  OwnerPicker: entityRefCheck,
  OwnedEntityPicker: entityRefCheck,
  MultiEntityPicker: entityRefListCheck,
  EntityTagsPicker: entityTagsCheck,
  RepoUrlPicker: repoUrlCheck,
};

/**
 * rjsf's customValidate for one step: runs the checks of every field rendered by a field extension
 * (`ui:field`), so "Next" refuses what the server would refuse later.
 */
export function createFieldExtensionValidator(uiSchema: UiSchema): CustomValidator<unknown, RJSFSchema> {
  return (formData, errors) => {
    const data = isObject(formData) ? formData : {};
    for (const [name, fieldUi] of Object.entries(uiSchema)) {
      if (name.startsWith('ui:') || !isObject(fieldUi)) continue;
      const check = typeof fieldUi['ui:field'] === 'string' ? FIELD_CHECKS[fieldUi['ui:field']] : undefined;
      if (!check) continue;
      const options = isObject(fieldUi['ui:options']) ? fieldUi['ui:options'] : {};
      const fieldErrors = (errors as unknown as Record<string, FormValidation | undefined>)[name];
      for (const message of check(data[name], options)) fieldErrors?.addError(message);
    }
    return errors;
  };
}
