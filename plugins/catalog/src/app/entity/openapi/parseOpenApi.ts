import { parse } from 'yaml';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type Schema = { [key: string]: JsonValue };

export interface Parameter {
  name: string;
  in: string;
  required: boolean;
  description?: string;
  schema?: Schema;
}

export interface Operation {
  id: string;
  method: string;
  path: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  tags: string[];
  parameters: Parameter[];
  requestBody?: { description?: string; required: boolean; content: Array<{ mediaType: string; schema?: Schema }> };
  responses: Array<{ status: string; description?: string; content: Array<{ mediaType: string; schema?: Schema }> }>;
}

export interface OpenApiDocument {
  title: string;
  version?: string;
  description?: string;
  servers: string[];
  operations: Operation[];
  /** The whole document, for resolving `$ref`s in schemas. */
  root: Schema;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Follows a local `$ref` (`#/components/schemas/Pet`); anything else is returned as is. */
export function resolveRef(root: Schema, value: unknown, seen = new Set<string>()): Schema | undefined {
  if (!isObject(value)) return undefined;
  const ref = str(value.$ref);
  if (!ref) return value;
  if (!ref.startsWith('#/') || seen.has(ref)) return { $ref: ref };
  seen.add(ref);
  let at: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    at = isObject(at) ? at[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  return resolveRef(root, at, seen) ?? { $ref: ref };
}

function content(root: Schema, value: unknown): Array<{ mediaType: string; schema?: Schema }> {
  if (!isObject(value)) return [];
  return Object.entries(value).map(([mediaType, media]) => ({ mediaType, schema: isObject(media) ? resolveRef(root, media.schema) : undefined }));
}

/** Reads an OpenAPI 3 (or Swagger 2, roughly) document from YAML or JSON text. Throws on unreadable text. */
export function parseOpenApi(text: string): OpenApiDocument {
  const root = parse(text, { maxAliasCount: 100 }) as unknown;
  if (!isObject(root)) throw new Error('The definition is not a YAML or JSON object');
  const info = isObject(root.info) ? root.info : {};
  const servers = Array.isArray(root.servers) ? root.servers.map(s => (isObject(s) ? str(s.url) : undefined)).filter((s): s is string => !!s) : [];
  const operations: Operation[] = [];
  const paths = isObject(root.paths) ? root.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = resolveRef(root, rawItem) ?? {};
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const byKey = new Map<string, Parameter>();
      for (const raw of [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])]) {
        const p = resolveRef(root, raw);
        if (!p || !str(p.name)) continue;
        const param: Parameter = {
          name: str(p.name)!,
          in: str(p.in) ?? 'query',
          required: p.required === true || p.in === 'path',
          description: str(p.description),
          schema: resolveRef(root, p.schema) ?? (str(p.type) ? { type: p.type } : undefined),
        };
        byKey.set(`${param.in}:${param.name}`, param);
      }
      const body = resolveRef(root, op.requestBody);
      const responses = isObject(op.responses) ? op.responses : {};
      operations.push({
        id: `${method}-${path}`,
        method,
        path,
        summary: str(op.summary),
        description: str(op.description),
        deprecated: op.deprecated === true,
        tags: Array.isArray(op.tags) && op.tags.length > 0 ? op.tags.filter((t): t is string => typeof t === 'string') : ['default'],
        parameters: [...byKey.values()],
        requestBody: body ? { description: str(body.description), required: body.required === true, content: content(root, body.content) } : undefined,
        responses: Object.entries(responses).map(([status, raw]) => {
          const r = resolveRef(root, raw) ?? {};
          return { status, description: str(r.description), content: content(root, r.content) };
        }),
      });
    }
  }
  return { title: str(info.title) ?? 'API', version: str(info.version), description: str(info.description), servers, operations, root };
}
