import type { Knex } from 'knex';

/** A column as a schema comparison sees it; absent fields are the defaults. */
export interface ColumnDescription {
  name: string;
  type: string;
  nullable: boolean;
  default?: string;
  collation?: string;
  generated?: string;
  /** Per-column statistics target, when set (`alter column … set statistics`). */
  statistics?: number;
}

export interface SchemaDescription {
  tables: Record<string, ColumnDescription[]>;
  /** Index name → its definition. */
  indexes: Record<string, string>;
  /** `table.constraint` → its definition. */
  constraints: Record<string, string>;
  sequences: string[];
  /** Extended statistics name → its definition. */
  statistics: Record<string, string>;
}

export interface DescribeSchemaOptions {
  /**
   * Tables left out, with their indexes, constraints and sequences: a plugin's migrations
   * table and its lock table, whose shape is knex's and not the plugin's.
   */
  ignoreTables?: string[];
}

/**
 * The tables, columns, indexes, constraints, sequences and extended statistics of the schema
 * the knex works in, free of the schema's name, in a stable order: two databases migrated by
 * different paths have the same schema exactly when their descriptions are equal. Identical on
 * PGlite and a Postgres server.
 */
export async function describeSchema(knex: Knex, options: DescribeSchemaOptions = {}): Promise<SchemaDescription> {
  const schema = ((await knex.raw('select current_schema() as name')).rows as Array<{ name: string }>)[0]!.name;
  const ignored = new Set(options.ignoreTables ?? []);
  const keep = (table: string) => !ignored.has(table);
  const unqualified = (sql: string) => sql.split(`${schema}.`).join('');

  const columns = (
    await knex.raw(
      `select c.table_name, c.column_name, c.udt_name, c.is_nullable, c.column_default, c.collation_name,
              c.generation_expression, a.attstattarget
         from information_schema.columns c
         join pg_attribute a on a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass and a.attname = c.column_name
        where c.table_schema = ?
        order by c.table_name, c.ordinal_position`,
      [schema],
    )
  ).rows as Array<{
    table_name: string;
    column_name: string;
    udt_name: string;
    is_nullable: 'YES' | 'NO';
    column_default: string | null;
    collation_name: string | null;
    generation_expression: string | null;
    attstattarget: number | null;
  }>;
  const tables: SchemaDescription['tables'] = {};
  for (const c of columns.filter(c => keep(c.table_name))) {
    // Postgres 17 reports an unset target as null, earlier versions as -1.
    const statistics = c.attstattarget !== null && c.attstattarget >= 0 ? c.attstattarget : undefined;
    (tables[c.table_name] ??= []).push({
      name: c.column_name,
      type: c.udt_name,
      nullable: c.is_nullable === 'YES',
      ...(c.column_default !== null && { default: unqualified(c.column_default) }),
      ...(c.collation_name !== null && { collation: c.collation_name }),
      ...(c.generation_expression !== null && { generated: c.generation_expression }),
      ...(statistics !== undefined && { statistics }),
    });
  }

  const indexRows = (await knex.raw(`select tablename, indexname, indexdef from pg_indexes where schemaname = ? order by indexname`, [schema])).rows as Array<{
    tablename: string;
    indexname: string;
    indexdef: string;
  }>;
  const indexes = Object.fromEntries(indexRows.filter(i => keep(i.tablename)).map(i => [i.indexname, unqualified(i.indexdef)]));

  // Primary keys, unique, foreign key and check constraints; not-null is a column property above.
  const constraintRows = (
    await knex.raw(
      `select t.relname as table_name, k.conname, pg_get_constraintdef(k.oid) as definition
         from pg_constraint k
         join pg_class t on t.oid = k.conrelid
         join pg_namespace n on n.oid = t.relnamespace
        where n.nspname = ? and k.contype in ('p', 'u', 'f', 'c')
        order by t.relname, k.conname`,
      [schema],
    )
  ).rows as Array<{ table_name: string; conname: string; definition: string }>;
  const constraints = Object.fromEntries(constraintRows.filter(k => keep(k.table_name)).map(k => [`${k.table_name}.${k.conname}`, unqualified(k.definition)]));

  // Sequences that serve an ignored table (its serial id) go with it.
  const sequenceRows = (
    await knex.raw(
      `select s.relname as name, t.relname as owner
         from pg_class s
         join pg_namespace n on n.oid = s.relnamespace
         left join pg_depend d on d.objid = s.oid and d.deptype = 'a' and d.classid = 'pg_class'::regclass
         left join pg_class t on t.oid = d.refobjid
        where n.nspname = ? and s.relkind = 'S'
        order by s.relname`,
      [schema],
    )
  ).rows as Array<{ name: string; owner: string | null }>;
  const sequences = sequenceRows.filter(s => s.owner === null || keep(s.owner)).map(s => s.name);

  const statisticsRows = (
    await knex.raw(
      `select s.stxname, pg_get_statisticsobjdef(s.oid) as definition
         from pg_statistic_ext s
         join pg_namespace n on n.oid = s.stxnamespace
        where n.nspname = ?
        order by s.stxname`,
      [schema],
    )
  ).rows as Array<{ stxname: string; definition: string }>;
  const statistics = Object.fromEntries(statisticsRows.map(s => [s.stxname, unqualified(s.definition)]));

  return { tables, indexes, constraints, sequences, statistics };
}
