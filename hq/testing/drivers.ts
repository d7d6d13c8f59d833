/**
 * The databases an HQ test suite runs on: embedded PGlite always, and a throwaway PostgreSQL
 * cluster where a server is installed (skipped with the reason printed otherwise).
 */
import { pgliteInMemory, postgresAt, type DbFactory } from './harness';
import { startPgCluster, type PgCluster } from './postgres';

export interface Driver {
  readonly name: string;
  readonly openDb: DbFactory;
}

export interface Drivers {
  readonly drivers: readonly Driver[];
  /** Stops the PostgreSQL cluster, if one was started. */
  stop(): void;
}

export async function testDrivers(label: string): Promise<Drivers> {
  const drivers: Driver[] = [{ name: 'PGlite', openDb: pgliteInMemory }];
  let cluster: PgCluster | null = null;
  if (process.env['HQ_TEST_POSTGRES'] === '0') {
    console.warn(`${label}: PostgreSQL run skipped (HQ_TEST_POSTGRES=0)`);
  } else {
    const started = await startPgCluster();
    if (started.ok) {
      cluster = started.cluster;
      drivers.push({
        name: `PostgreSQL ${started.version}`,
        openDb: postgresAt(() => started.cluster.createDatabase()),
      });
    } else {
      console.warn(`${label}: PostgreSQL run skipped: ${started.reason}`);
    }
  }
  return {
    drivers,
    stop: () => {
      cluster?.stop();
    },
  };
}
