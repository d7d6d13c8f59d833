import pg from 'pg';
import type { Db, Queryable, Row } from './types';

type Parser = (value: string) => unknown;
type TypeId = Parameters<typeof pg.types.getTypeParser>[0];

/** int8 as a number: HQ's bigints (ids, sequence numbers, ms timestamps) stay below 2^53. */
function textParser(id: TypeId, format?: 'text' | 'binary'): Parser {
  if (id === pg.types.builtins.INT8 && format !== 'binary') return Number;
  return pg.types.getTypeParser(id, format) as Parser;
}

const typeParsers: pg.CustomTypesConfig = { getTypeParser: textParser };

function view(c: pg.Pool | pg.PoolClient): Queryable {
  return {
    query: async (sql, params) => (await c.query<Row>(sql, params ? [...params] : [])).rows,
    exec: async (sql) => {
      await c.query(sql);
    },
  };
}

/** A PostgreSQL server at `url` (DATABASE_URL), through a small connection pool. */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types: typeParsers });
  // Idle clients can lose their connection (server restart); the pool replaces them.
  pool.on('error', () => undefined);
  // Fail at start, not on the first request, when the server cannot be reached.
  const probe = await pool.connect();
  probe.release();
  return {
    driver: 'postgres',
    ...view(pool),
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(view(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
