import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { resolveRef, type Schema } from './parseOpenApi.js';

const MAX_DEPTH = 6;

function typeLabel(root: Schema, schema: Schema): string {
  if (typeof schema.$ref === 'string' && Object.keys(schema).length === 1) return schema.$ref.split('/').pop() ?? 'object';
  if (schema.type === 'array') {
    const items = resolveRef(root, schema.items);
    return `array of ${items ? typeLabel(root, items) : 'any'}`;
  }
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : typeof schema.type === 'string' ? schema.type : schema.properties ? 'object' : 'any';
  return typeof schema.format === 'string' ? `${type} (${schema.format})` : type;
}

/** A schema as a nested list of properties with their types, required marks and descriptions. */
export function SchemaView({ root, schema, depth = 0, seen = new Set<Schema>() }: { root: Schema; schema: Schema; depth?: number; seen?: Set<Schema> }) {
  if (seen.has(schema) || depth > MAX_DEPTH) return <Typography variant="body2">…</Typography>;
  const next = new Set(seen).add(schema);
  const target = schema.type === 'array' ? (resolveRef(root, schema.items) ?? {}) : schema;
  const required = new Set(Array.isArray(target.required) ? target.required : []);
  const properties = target.properties && typeof target.properties === 'object' && !Array.isArray(target.properties) ? Object.entries(target.properties) : [];
  const variants = (['oneOf', 'anyOf', 'allOf'] as const).flatMap(k => (Array.isArray(target[k]) ? [{ k, list: target[k] as unknown[] }] : []));
  return (
    <Box sx={{ fontSize: 13 }}>
      {depth === 0 && (
        <Typography variant="body2" sx={{ fontFamily: 'monospace', color: 'text.secondary' }}>
          {typeLabel(root, schema)}
        </Typography>
      )}
      {Array.isArray(target.enum) && <Typography variant="body2">One of: {target.enum.map(v => JSON.stringify(v)).join(', ')}</Typography>}
      {variants.map(({ k, list }) => (
        <Box key={k} sx={{ pl: 2 }}>
          <Typography variant="body2" sx={{ fontStyle: 'italic' }}>
            {k}
          </Typography>
          {list.map((v, i) => {
            const s = resolveRef(root, v);
            return s ? <SchemaView key={i} root={root} schema={s} depth={depth + 1} seen={next} /> : null;
          })}
        </Box>
      ))}
      {properties.length > 0 && (
        <Box component="ul" sx={{ listStyle: 'none', pl: depth === 0 ? 0 : 2, my: 0.5, borderLeft: depth === 0 ? 0 : 1, borderColor: 'divider' }}>
          {properties.map(([name, raw]) => {
            const prop = resolveRef(root, raw) ?? {};
            const nested = prop.properties || (prop.type === 'array' && resolveRef(root, prop.items)?.properties);
            return (
              <Box component="li" key={name} sx={{ py: 0.25, pl: 1 }}>
                <Box component="code" sx={{ fontWeight: 600 }}>
                  {name}
                </Box>
                {required.has(name) && (
                  <Box component="span" sx={{ color: 'error.main', ml: 0.5 }} aria-label="required">
                    *
                  </Box>
                )}
                <Box component="span" sx={{ color: 'text.secondary', ml: 1, fontFamily: 'monospace' }}>
                  {typeLabel(root, typeof (raw as Schema)?.$ref === 'string' ? (raw as Schema) : prop)}
                </Box>
                {typeof prop.description === 'string' && (
                  <Box component="span" sx={{ ml: 1 }}>
                    — {prop.description}
                  </Box>
                )}
                {nested && <SchemaView root={root} schema={prop} depth={depth + 1} seen={next} />}
              </Box>
            );
          })}
        </Box>
      )}
    </Box>
  );
}
