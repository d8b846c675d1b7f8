import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@portal/backend-common/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { insertRows } from './bulk.js';

describe.each(testDatabaseKinds())('insertRows on %s', kind => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.destroy();
    db = undefined;
  });

  it('stores every character as given, nulls as nulls, inside the caller’s transaction', async () => {
    db = await createTestDatabase(kind);
    const { knex } = db;
    await knex.raw('create table bulk_rows (id text not null, a text, b text)');
    const awkward = ['tab\there', 'line\nbreak', 'carriage\rreturn', 'back\\slash \\N \\t', '\\', 'ünïcødé ✓ 🚀', '', 'comma, "quote" \'single\''];
    const rows = awkward.map((a, i) => ({ id: `row-${String(i).padStart(4, '0')}`, a, b: i % 2 === 0 ? null : `${a}${a}` }));
    // More rows than one chunk, so the stream is written in several parts.
    for (let i = awkward.length; i < 2500; i++) rows.push({ id: `row-${String(i).padStart(4, '0')}`, a: `value ${i}`, b: null });

    await knex.transaction(async trx => {
      await trx.raw('insert into bulk_rows (id, a) values (?, ?)', ['before', 'x']);
      await insertRows(trx, 'bulk_rows', ['id', 'a', 'b'] as const, rows);
      // Statements after the copy run on the same transaction and see its rows.
      const [{ n }] = (await trx('bulk_rows').count({ n: '*' })) as Array<{ n: string | number }>;
      expect(Number(n)).toBe(rows.length + 1);
    });
    const stored = await knex('bulk_rows').whereNot({ id: 'before' }).orderBy('id').select('id', 'a', 'b');
    expect(stored).toEqual(rows);

    // A failing insert rolls back with its transaction, and the connection stays usable.
    await expect(
      knex.transaction(async trx => {
        await insertRows(trx, 'bulk_rows', ['id', 'a', 'b'] as const, [{ id: 'later', a: 'x', b: null }]);
        await insertRows(trx, 'bulk_rows', ['id', 'a', 'b'] as const, [{ id: null as unknown as string, a: 'x', b: null }]);
      }),
    ).rejects.toThrow(/null/i);
    expect(await knex('bulk_rows').where({ id: 'later' }).first()).toBeUndefined();
    expect(await knex('bulk_rows').count({ n: '*' }).first()).toEqual({ n: kind === 'postgres' ? String(rows.length + 1) : rows.length + 1 });
  });
});
