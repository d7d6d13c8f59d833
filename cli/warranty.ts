/**
 * `npm run --silent warranty -- check FILE`
 *
 * FILE holds one warranty case or a JSON array of them (issue 2's format). Prints one JSON decision,
 * or an array of decisions in the same order, and exits 0. Bad input: exit 2 with one line on
 * stderr naming the case index, the field and the bad value; nothing on stdout.
 */
import { readFileSync, writeSync } from 'node:fs';
import { bundledPolicyFiles } from '../policies';
import {
  evaluate,
  parsePolicy,
  formatPolicyLoadError,
  validateWarrantyCase,
  type CompiledPolicy,
  type WarrantyCase,
} from '../shared/warranty';
import { createDecisionSerializer } from './decisionJson';

const USAGE =
  'usage: npm run --silent warranty -- check FILE   (FILE: a JSON case or array of cases)';

class InputError extends Error {}

function loadPolicies(): Map<string, CompiledPolicy> {
  const map = new Map<string, CompiledPolicy>();
  for (const { file, json } of bundledPolicyFiles) {
    const r = parsePolicy(json, file);
    if (!r.ok) throw new InputError(`policy file is invalid: ${formatPolicyLoadError(r.error)}`);
    map.set(r.value.id, r.value);
  }
  return map;
}

function readCases(file: string): { cases: unknown[]; single: boolean } {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT'
        ? `${file}: no such file`
        : `${file}: cannot be read (${code ?? String(e)})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  if (Array.isArray(json)) return { cases: json, single: false };
  return { cases: [json], single: true };
}

/** Writes to stdout synchronously in ~1 MB pieces, retrying on a full pipe. */
function writeAll(text: string): void {
  const data = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < data.length) {
    try {
      offset += writeSync(1, data, offset, Math.min(data.length - offset, 1 << 20));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return; // the reader went away (`| head`): nothing more to say
      if (code !== 'EAGAIN') throw e;
    }
  }
}

function check(file: string): void {
  const policies = loadPolicies();
  const { cases, single } = readCases(file);
  const valid: WarrantyCase[] = new Array<WarrantyCase>(cases.length);
  for (let i = 0; i < cases.length; i++) {
    const r = validateWarrantyCase(cases[i], policies);
    if (!r.ok) throw new InputError(`case ${i}: ${r.error.message}`);
    valid[i] = r.value;
  }
  // Every case is valid before anything is decided or printed: bad input prints nothing.
  const serialize = createDecisionSerializer();
  let buf = single ? '' : '[';
  for (let i = 0; i < valid.length; i++) {
    const c = valid[i];
    if (c === undefined) continue;
    buf += (i === 0 ? '' : ',') + serialize(evaluate(c.policy, c.facts, c.visitDate));
    if (buf.length > 1 << 20) {
      writeAll(buf);
      buf = '';
    }
  }
  writeAll(buf + (single ? '\n' : ']\n'));
}

function main(argv: readonly string[]): number {
  const [command, file, ...rest] = argv;
  try {
    if (command !== 'check' || file === undefined || rest.length > 0) throw new InputError(USAGE);
    check(file);
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`warranty: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

process.exitCode = main(process.argv.slice(2));
