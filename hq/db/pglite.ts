import { PGlite, types } from '@electric-sql/pglite';
import type { Db, Queryable, Row } from './types';

const parsers = { [types.INT8]: (v: string) => Number(v) };

function view(q: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    query: async (sql, params) => (await q.query<Row>(sql, params ? [...params] : [])).rows,
    exec: async (sql) => {
      await q.exec(sql);
    },
  };
}

/**
 * Embedded PostgreSQL (WASM) in `dataDir`, or in memory when it is undefined. One process at a
 * time may open a data folder (hq/lock.ts sees to it); PGlite runs one statement at a time, and
 * its transactions exclude every other query until they end.
 */
export async function openPglite(dataDir: string | undefined): Promise<Db> {
  const pg = await PGlite.create(dataDir, { parsers });
  const base = view(pg);
  return {
    driver: 'pglite',
    ...base,
    transaction: (fn) =>
      pg.transaction(async (tx) =>
        fn({
          query: async (sql, params) => (await tx.query<Row>(sql, params ? [...params] : [])).rows,
          exec: async (sql) => {
            await tx.exec(sql);
          },
        }),
      ),
    close: () => pg.close(),
  };
}
