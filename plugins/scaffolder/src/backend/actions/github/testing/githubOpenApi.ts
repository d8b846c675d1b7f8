import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// GitHub's published OpenAPI 3.0 description of api.github.com, from @octokit/openapi.
const DESCRIPTION = 'api.github.com.json';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { [key: string]: Json };

interface Operation {
  method: string;
  template: string;
  operationId: string;
  segments: string[];
  requestSchema?: Schema;
  /** By status ("201", "204", "default"); `undefined` for an answer without a JSON body. */
  responses: Map<string, Schema | undefined>;
}

const REF_PREFIX = 'gh';

/**
 * OpenAPI 3.0's `nullable: true` as JSON Schema: `null` joins the type (and the enum); a schema
 * without a type (allOf, $ref) becomes "that, or null". References point into the one shared
 * document, which is registered with Ajv under the id `gh`.
 */
function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) out[key] = `${REF_PREFIX}${value}`;
    else if (key === 'example' || key === 'examples') continue;
    else out[key] = toJsonSchema(value);
  }
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
      return out;
    }
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

function collectFormats(node: Json, into: Set<string>): Set<string> {
  if (Array.isArray(node)) node.forEach(item => collectFormats(item, into));
  else if (node && typeof node === 'object') {
    if (typeof node.format === 'string') into.add(node.format);
    Object.values(node).forEach(value => collectFormats(value, into));
  }
  return into;
}

export class GithubOpenApi {
  private readonly ajv: Ajv;
  private readonly operations: Operation[] = [];
  private readonly validators = new Map<Schema, ValidateFunction>();
  private readonly components: Schema;

  private constructor(document: Schema) {
    const components = toJsonSchema(document.components ?? {}) as Schema;
    this.components = components;
    this.ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateSchema: false });
    (addFormatsModule as unknown as (ajv: Ajv) => void)(this.ajv);
    for (const format of collectFormats(components, new Set())) {
      // GitHub's own formats (repo.nwo, ssh-key…) are descriptions, not rules.
      if (!this.ajv.formats[format]) this.ajv.addFormat(format, true);
    }
    this.ajv.addSchema({ $id: REF_PREFIX, components } as object);
    for (const [template, item] of Object.entries(document.paths as Record<string, Record<string, Schema>>)) {
      for (const method of ['get', 'put', 'post', 'patch', 'delete']) {
        const raw = item[method];
        if (!raw) continue;
        const responses = new Map<string, Schema | undefined>();
        for (const [status, response] of Object.entries(raw.responses as Record<string, Schema>)) {
          const resolved = this.resolve(toJsonSchema(response) as Schema);
          const content = (resolved.content as Record<string, { schema?: Schema }> | undefined)?.['application/json'];
          responses.set(status, content?.schema);
        }
        const body = raw.requestBody ? this.resolve(toJsonSchema(raw.requestBody) as Schema) : undefined;
        const requestSchema = (body?.content as Record<string, { schema?: Schema }> | undefined)?.['application/json']?.schema;
        this.operations.push({
          method: method.toUpperCase(),
          template,
          operationId: String(raw.operationId),
          segments: template.split('/'),
          requestSchema,
          responses,
        });
      }
    }
    // Literal segments win over parameters: /actions/secrets/public-key before /actions/secrets/{secret_name}.
    this.operations.sort((a, b) => literalCount(b) - literalCount(a));
  }

  private static instance?: GithubOpenApi;

  /** Parsed once per test file: the description is 13 MB. */
  static load(): GithubOpenApi {
    if (!GithubOpenApi.instance) {
      const require = createRequire(import.meta.url);
      const file = require.resolve(`@octokit/openapi/generated/${DESCRIPTION}`);
      GithubOpenApi.instance = new GithubOpenApi(JSON.parse(fs.readFileSync(file, 'utf8')) as Schema);
    }
    return GithubOpenApi.instance;
  }

  /** Follows a `gh#/components/...` reference to its node. */
  resolve(node: Schema): Schema {
    let current = node;
    for (let hops = 0; typeof current.$ref === 'string' && hops < 20; hops++) {
      const pointer = current.$ref.slice(`${REF_PREFIX}#/components/`.length).split('/');
      let target: Json = this.components;
      for (const part of pointer) target = (target as Schema)[part.replace(/~1/g, '/').replace(/~0/g, '~')] as Json;
      current = target as Schema;
    }
    return current;
  }

  /** The operation a request is for, and its path parameters; `undefined` when the description has none. */
  match(method: string, pathname: string): { operation: Operation; params: Record<string, string> } | undefined {
    const segments = pathname.split('/');
    for (const operation of this.operations) {
      if (operation.method !== method || operation.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const ok = operation.segments.every((segment, i) => {
        const m = /^\{(.+)\}$/.exec(segment);
        if (m) {
          params[m[1]!] = decodeURIComponent(segments[i]!);
          return segments[i] !== '';
        }
        return segment === segments[i];
      });
      if (ok) return { operation, params };
    }
    return undefined;
  }

  private validator(schema: Schema): ValidateFunction {
    let validate = this.validators.get(schema);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.validators.set(schema, validate);
    }
    return validate;
  }

  private problems(validate: ValidateFunction): string {
    return (validate.errors ?? [])
      .slice(0, 8)
      .map(e => `${e.instancePath || '(root)'} ${e.message}${e.params && 'allowedValues' in e.params ? ` ${JSON.stringify(e.params.allowedValues)}` : ''}`)
      .join('; ');
  }

  /** A problem with the request body, or `undefined` when it is what the operation takes. */
  checkRequest(operation: Operation, body: unknown): string | undefined {
    if (!operation.requestSchema) return body === undefined ? undefined : `${operation.operationId} takes no body`;
    const validate = this.validator(operation.requestSchema);
    return validate(body ?? {}) ? undefined : `${operation.operationId} request body: ${this.problems(validate)}`;
  }

  /** A problem with a response, or `undefined` when the operation declares that status and body. */
  checkResponse(operation: Operation, status: number, body: unknown): string | undefined {
    const key = operation.responses.has(String(status)) ? String(status) : operation.responses.has('default') ? 'default' : undefined;
    if (!key) return `${operation.operationId} does not answer HTTP ${status} (it declares ${[...operation.responses.keys()].join(', ')})`;
    const schema = operation.responses.get(key);
    if (!schema) return body === undefined ? undefined : `${operation.operationId} HTTP ${status} has no body`;
    const validate = this.validator(schema);
    return validate(body) ? undefined : `${operation.operationId} HTTP ${status} response: ${this.problems(validate)}`;
  }

  /** The JSON Schema of a response, for building stand-in answers with {@link GithubOpenApi.fill}. */
  responseSchema(operationId: string, status: number): Schema {
    const operation = this.operations.find(op => op.operationId === operationId);
    const schema = operation?.responses.get(String(status));
    if (!schema) throw new Error(`No ${status} response body for ${operationId}`);
    return schema;
  }

  /**
   * A value of the schema made of `values` plus placeholders for the required properties they
   * leave out (null where allowed). The stand-in gives meaningful values for what the portal reads;
   * the placeholders only make the answer whole, and every answer is validated before it is sent.
   */
  fill(schema: Schema, values?: Json): Json {
    const node = this.resolve(schema);
    if (values !== undefined && (values === null || typeof values !== 'object')) return values;
    const branches = (node.allOf ?? []) as Schema[];
    const choices = ((node.anyOf ?? node.oneOf) as Schema[] | undefined)?.map(b => this.resolve(b));
    if (choices) {
      if (values === undefined && choices.some(c => c.type === 'null')) return null;
      const objectChoice = choices.find(c => c.type !== 'null') ?? choices[0]!;
      return this.fill(objectChoice, values);
    }
    if (branches.length > 0) {
      let merged: Record<string, Json> = {};
      for (const branch of branches) merged = { ...merged, ...(this.fill(branch, values) as Record<string, Json>) };
      return merged;
    }
    if (Array.isArray(values)) return node.items ? values.map(item => this.fill(node.items as Schema, item)) : values;
    const types = Array.isArray(node.type) ? node.type : [node.type];
    if (values === undefined) {
      if (types.includes('null')) return null;
      if (Array.isArray(node.enum)) return node.enum[0]!;
      if (types.includes('object') || node.properties) {
        /* filled below */
      } else if (types.includes('array')) return [];
      else if (types.includes('integer') || types.includes('number')) return typeof node.minimum === 'number' ? node.minimum : 1;
      else if (types.includes('boolean')) return false;
      else return placeholderString(node.format);
    }
    const properties = (node.properties ?? {}) as Record<string, Schema>;
    const given = (values ?? {}) as Record<string, Json>;
    const out: Record<string, Json> = {};
    for (const key of new Set([...((node.required as string[] | undefined) ?? []), ...Object.keys(given)])) {
      out[key] = properties[key] ? this.fill(properties[key], given[key]) : (given[key] ?? null);
    }
    return out;
  }
}

function literalCount(operation: Operation): number {
  return operation.segments.filter(segment => !segment.startsWith('{')).length;
}

function placeholderString(format: Json): string {
  if (format === 'date-time') return '2026-01-01T00:00:00Z';
  if (format === 'uri' || format === 'uri-template') return 'https://github.invalid/placeholder';
  if (format === 'email') return 'placeholder@github.invalid';
  return 'placeholder';
}
