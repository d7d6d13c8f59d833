import { readFileSync } from 'node:fs';
import { rotateAdminToken } from './adminToken';
import { issueEnrollmentCode, revokeDevice } from './centers';
import type { HqContext } from './context';
import { HqError } from './errors';
import { importRegistry, parseRegistryCsv } from './registry';

/*
 * HQ's commands (`npm run hq -- COMMAND …`). Each is a function of the context and its arguments
 * that returns what to print, so the same code runs in a CLI process or, forwarded, inside the
 * running server (hq/lock.ts).
 */

export interface CliOutput {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export const USAGE = `Usage: npm run hq [-- COMMAND]

  (no command)                                 start HQ (PORT, HQ_DATA or DATABASE_URL)
  enroll-code --center CODE [--name NAME] [--days N]
                                               a one-time enrollment code for a center (created
                                               when new, then --name is required); prints the code
  revoke DEVICE_ID                             revoke a counter's token
  import-registry FILE.csv                     import the registry (serial,brand,model,
                                               activation_date,sold_date,sold_country,sold_channel)
  admin-token                                  replace the admin token; prints the new one
`;

const out = (stdout: string, stderr = ''): CliOutput => ({ code: 0, stdout, stderr });
const fail = (stderr: string, code = 2): CliOutput => ({ code, stdout: '', stderr });

function flags(args: readonly string[]): Map<string, string> | string {
  const m = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const k = args[i] ?? '';
    const v = args[i + 1];
    if (!k.startsWith('--') || v === undefined) return `expected --name value pairs, got "${k}"`;
    m.set(k.slice(2), v);
  }
  return m;
}

export interface CliHooks {
  /** The admin token changed (the running server starts checking the new one). */
  readonly onAdminTokenHash?: (hash: string) => void;
}

export async function runCommand(
  ctx: HqContext,
  argv: readonly string[],
  hooks: CliHooks = {},
): Promise<CliOutput> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'enroll-code': {
        const f = flags(args);
        if (typeof f === 'string') return fail(`enroll-code: ${f}\n\n${USAGE}`);
        const center = f.get('center');
        if (center === undefined) return fail(`enroll-code: --center CODE is required\n`);
        const days = f.get('days');
        const issued = await issueEnrollmentCode(ctx, {
          center,
          ...(f.has('name') ? { name: f.get('name') } : {}),
          ...(days === undefined ? {} : { days: Number(days) }),
        });
        return out(
          `${issued.code}\n`,
          `${issued.centerCreated ? 'New center' : 'Center'} ${issued.centerCode} (${issued.centerName}): one-time enrollment code, valid until ${new Date(issued.expiresAt).toISOString()}.\n`,
        );
      }
      case 'revoke': {
        const [id] = args;
        if (id === undefined || args.length !== 1) return fail('revoke: give one DEVICE_ID\n');
        return (await revokeDevice(ctx, id))
          ? out(`Revoked ${id}: its token no longer works; it must enroll again.\n`)
          : fail(`revoke: no active counter ${id} (unknown, or revoked already)\n`, 1);
      }
      case 'import-registry': {
        const [file] = args;
        if (file === undefined || args.length !== 1)
          return fail('import-registry: give one FILE.csv\n');
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (e) {
          return fail(`import-registry: cannot read ${file}: ${(e as Error).message}\n`);
        }
        const parsed = parseRegistryCsv(text);
        if (!parsed.ok) {
          const shown = parsed.error.slice(0, 50).map((p) => `${file}:${p.line}: ${p.message}`);
          const more = parsed.error.length - shown.length;
          return fail(
            `${shown.join('\n')}\n${more > 0 ? `… and ${more} more problems\n` : ''}` +
              `${parsed.error.length} problem${parsed.error.length === 1 ? '' : 's'}: nothing was imported. Fix the file and import it again.\n`,
          );
        }
        const r = await importRegistry(ctx, parsed.value);
        return out(
          `Imported ${r.imported} registry rows; ${r.changes} update${r.changes === 1 ? '' : 's'} queued for centers with tickets for them.\n`,
        );
      }
      case 'admin-token': {
        const { token, hash } = await rotateAdminToken(ctx.db, ctx.random);
        hooks.onAdminTokenHash?.(hash);
        return out(`${token}\n`, 'New admin token (shown once); the old one no longer works.\n');
      }
      case undefined:
      case 'help':
      case '--help':
        return out(USAGE);
      default:
        return fail(`Unknown command "${command}".\n\n${USAGE}`);
    }
  } catch (e) {
    if (e instanceof HqError) return fail(`${command}: ${e.message}\n`);
    throw e;
  }
}
