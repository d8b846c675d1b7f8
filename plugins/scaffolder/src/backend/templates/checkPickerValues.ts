import type { FieldProblem } from '@portal/backend-common';
import { isValidKind, isValidNamespace, isValidObjectName, isValidTag, parseEntityRef, stringifyEntityRef } from '@portal/catalog-model';
import { isValidRepoName } from '../../common/repoUrl.js';
import type { ScaffolderCatalogClient } from '../catalogClient.js';
import { findPickerFields, pointerOf, valueAt, type PickerField } from './findPickerFields.js';

/** What the checks need beyond the values: the catalog, and where repositories may be created. */
export interface PickerCheckContext {
  catalog: Pick<ScaffolderCatalogClient, 'getEntityByRef'>;
  /** The hosts a RepoUrlPicker value may name when the template lists no `allowedHosts`. */
  repoHosts: string[];
}

type Problem = { at: Array<string | number>; message: string };
type PickerCheck = (value: unknown, field: PickerField, context: PickerCheckContext) => Promise<Problem[]> | Problem[];

const problem = (message: string, at: Array<string | number> = []): Problem => ({ at, message });

/** A string or a list of strings from `ui:options`; an empty list counts as not given, as in the browser. */
function stringList(value: unknown): string[] | undefined {
  const list = Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string' && item !== '')
    : typeof value === 'string' && value
      ? [value]
      : [];
  return list.length > 0 ? list : undefined;
}

const checkEntityName: PickerCheck = value =>
  typeof value === 'string' && isValidObjectName(value)
    ? []
    : [problem('must be an entity name: 1 to 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit')];

const checkTags: PickerCheck = value => {
  if (!Array.isArray(value)) return [problem('must be a list of tags')];
  return value.flatMap((tag, index) => (isValidTag(tag) ? [] : [problem('must be lower-case words joined by single dashes', [index])]));
};

/**
 * The kinds a picker accepts, lower-case; undefined for any kind. `catalogFilter` restricts kinds
 * only when every one of its filters names a kind; other filter keys are the browser's to apply.
 */
function allowedKindsOf(field: PickerField): string[] | undefined {
  const restrictions: string[][] = [];
  const listed = stringList(field.options.allowedKinds);
  if (listed) restrictions.push(listed.map(kind => kind.toLowerCase()));
  const filter = field.options.catalogFilter;
  const filters = Array.isArray(filter) ? filter : filter === undefined ? [] : [filter];
  const filterKinds = filters.map(f => (typeof f === 'object' && f !== null ? stringList((f as Record<string, unknown>).kind) : undefined));
  if (filters.length > 0 && filterKinds.every(kinds => kinds !== undefined)) restrictions.push(filterKinds.flat().map(kind => kind!.toLowerCase()));
  if (restrictions.length === 0) return field.field === 'OwnerPicker' ? ['group', 'user'] : undefined;
  return restrictions.reduce((kept, kinds) => kept.filter(kind => kinds.includes(kind)));
}

async function checkOneRef(value: unknown, field: PickerField, context: PickerCheckContext, at: Array<string | number>): Promise<Problem[]> {
  if (typeof value !== 'string') return [problem('must be an entity reference', at)];
  const { defaultKind, defaultNamespace } = field.options;
  let ref;
  try {
    ref = parseEntityRef(value, {
      defaultKind: typeof defaultKind === 'string' ? defaultKind : field.field === 'OwnerPicker' ? 'Group' : undefined,
      defaultNamespace: typeof defaultNamespace === 'string' ? defaultNamespace : undefined,
    });
  } catch (error) {
    return [problem((error as Error).message, at)];
  }
  if (!isValidKind(ref.kind) || !isValidNamespace(ref.namespace.toLowerCase()) || !isValidObjectName(ref.name)) {
    return [problem(`"${value}" is not a valid entity reference ([kind:][namespace/]name)`, at)];
  }
  const canonical = stringifyEntityRef(ref);
  const kinds = allowedKindsOf(field);
  if (kinds && !kinds.includes(ref.kind.toLowerCase())) {
    return [problem(`must refer to a ${kinds.join(' or ')}, not to ${canonical}`, at)];
  }
  if (!(await context.catalog.getEntityByRef(canonical))) return [problem(`${canonical} is not in the catalog`, at)];
  return [];
}

const checkEntityRef: PickerCheck = (value, field, context) => checkOneRef(value, field, context, []);

const checkEntityRefList: PickerCheck = async (value, field, context) => {
  if (!Array.isArray(value)) return [problem('must be a list of entity references')];
  const problems = await Promise.all(value.map((item, index) => checkOneRef(item, field, context, [index])));
  return problems.flat();
};

const HOST = /^[A-Za-z0-9.-]+(:\d+)?$/;
const REPO_URL_KEYS = ['owner', 'repo', 'organization', 'workspace', 'project'];
const OWNER_KEYS = ['owner', 'organization', 'workspace', 'project'];

const checkRepoUrl: PickerCheck = (value, field, context) => {
  const form = 'must be of the form host?owner=o&repo=r';
  if (typeof value !== 'string') return [problem(form)];
  const question = value.indexOf('?');
  const host = question === -1 ? value : value.slice(0, question);
  if (!HOST.test(host)) return [problem(`${form}, with a host name such as git.example.com`)];
  const problems: Problem[] = [];
  const allowedHosts = stringList(field.options.allowedHosts) ?? context.repoHosts;
  if (!allowedHosts.some(allowed => allowed.toLowerCase() === host.toLowerCase())) {
    problems.push(problem(`host must be one of ${allowedHosts.join(', ')}`));
  }
  const params = new URLSearchParams(question === -1 ? '' : value.slice(question + 1));
  for (const key of new Set(params.keys())) {
    // The templates' parseRepoUrl keeps the last of repeated keys, this check the first: allow one.
    if (!REPO_URL_KEYS.includes(key)) problems.push(problem(`has "${key}", which is not one of ${REPO_URL_KEYS.join(', ')}`));
    else if (params.getAll(key).length > 1) problems.push(problem(`gives ${key} more than once`));
  }
  const named = (key: string, allowedKey: string) => {
    const part = params.get(key);
    if (part === null || part === '') return;
    const allowed = stringList(field.options[allowedKey]);
    if (!isValidRepoName(part))
      problems.push(problem(`${key} "${part}" may only contain letters, digits, ".", "_" and "-", and may not start with "." or "-"`));
    else if (allowed && !allowed.includes(part)) problems.push(problem(`${key} must be one of ${allowed.join(', ')}`));
  };
  if (!OWNER_KEYS.some(key => params.get(key))) problems.push(problem('needs an owner'));
  for (const key of OWNER_KEYS) named(key, key === 'owner' ? 'allowedOwners' : `allowed${key[0]!.toUpperCase()}${key.slice(1)}s`);
  if (!params.get('repo')) problems.push(problem('needs a repository name'));
  named('repo', 'allowedRepos');
  return problems;
};

const CHECKS: Record<string, PickerCheck> = {
  EntityNamePicker: checkEntityName,
  EntityPicker: checkEntityRef,
  OwnerPicker: checkEntityRef,
  OwnedEntityPicker: checkEntityRef,
  MultiEntityPicker: checkEntityRefList,
  EntityTagsPicker: checkTags,
  RepoUrlPicker: checkRepoUrl,
};

/**
 * Checks each value drawn by a field extension for what the field means, whatever the browser
 * sent: a name is an entity name, a reference names an entity of an allowed kind that exists,
 * a repository location is on an allowed host. Empty optional fields are left alone.
 */
export async function checkPickerValues(
  pages: Array<Record<string, unknown>>,
  values: Record<string, unknown>,
  context: PickerCheckContext,
): Promise<FieldProblem[]> {
  const errors: FieldProblem[] = [];
  for (const field of findPickerFields(pages)) {
    const check = CHECKS[field.field];
    const value = valueAt(values, field.path);
    // A missing value is the schema's `required` to report; an empty string it would let through.
    if (!check || value === undefined || value === null) continue;
    if (value === '' || (Array.isArray(value) && value.length === 0)) {
      if (field.required) errors.push({ path: pointerOf(field.path), message: 'is required' });
      continue;
    }
    for (const found of await check(value, field, context)) errors.push({ path: pointerOf([...field.path, ...found.at]), message: found.message });
  }
  // A field declared in two branches reports the same problem once.
  return errors.filter((error, index) => errors.findIndex(e => e.path === error.path && e.message === error.message) === index);
}
