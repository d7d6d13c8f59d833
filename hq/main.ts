/**
 * `npm run hq [-- COMMAND]`: starts HQ, or runs one of its commands (hq/cli.ts). With embedded
 * PGlite, a command given while the server runs is handed to the server (only one process may
 * open the database folder).
 */
import { resolve } from 'node:path';
import { runCommand, USAGE, type CliOutput } from './cli';
import { readConfig } from './config';
import { acquireDataLock } from './lock';
import { nodeRandom, openMigrated, startHq } from './server';

async function forward(url: string, secret: string, argv: readonly string[]): Promise<CliOutput> {
  const res = await fetch(`${url}/internal/cli`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hq-cli-secret': secret },
    body: JSON.stringify({ argv }),
    signal: AbortSignal.timeout(120_000),
  });
  if (!res.ok) throw new Error(`the running HQ refused the command (HTTP ${res.status})`);
  return (await res.json()) as CliOutput;
}

async function command(argv: readonly string[]): Promise<number> {
  const config = readConfig();
  // Files are read by whichever process runs the command: make paths absolute first.
  const args =
    argv[0] === 'import-registry' && argv[1] !== undefined
      ? [argv[0], resolve(argv[1]), ...argv.slice(2)]
      : argv;
  let result: CliOutput;
  if (config.databaseUrl === null) {
    const probe = acquireDataLock(config.dataDir);
    if (!probe.ok) {
      const { url, secret, pid } = probe.heldBy;
      if (url === null || secret === null) {
        process.stderr.write(`${config.dataDir} is busy (HQ process ${pid}); try again shortly.\n`);
        return 1;
      }
      result = await forward(url, secret, args);
    } else {
      probe.lock.release();
      result = await runLocally(args);
    }
  } else {
    result = await runLocally(args);
  }
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  return result.code;

  async function runLocally(a: readonly string[]): Promise<CliOutput> {
    const clock = () => Date.now();
    const { db, lock } = await openMigrated(config, clock);
    try {
      return await runCommand({ db, clock, random: nodeRandom }, a);
    } finally {
      await db.close();
      lock?.release();
    }
  }
}

async function serve(): Promise<void> {
  const config = readConfig();
  const hq = await startHq(config, {
    logger: { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    announceAdminToken: (token) => {
      process.stdout.write(
        `\nHQ admin token (shown once; sign in at /admin with it):\n\n  ${token}\n\nLost it? npm run hq -- admin-token\n\n`,
      );
    },
  });
  hq.app.log.info(
    {
      url: hq.url,
      database:
        config.databaseUrl === null ? `pglite:${config.dataDir}` : 'postgres (DATABASE_URL)',
    },
    'HQ is running',
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    hq.app.log.info({ signal }, 'HQ is stopping');
    hq.close().then(
      () => process.exit(0),
      (e: unknown) => {
        hq.app.log.error({ err: e }, 'HQ did not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => {
    stop('SIGINT');
  });
  process.on('SIGTERM', () => {
    stop('SIGTERM');
  });
}

const argv = process.argv.slice(2);
const run = argv.length === 0 || argv[0] === 'serve' ? serve().then(() => null) : command(argv);
run.then(
  (code) => {
    if (code !== null) process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`hq: ${e instanceof Error ? e.message : String(e)}\n`);
    if (argv.length === 0 || argv[0] === 'serve') process.stderr.write(USAGE);
    process.exitCode = 1;
  },
);
