import { err, ok, type Result } from '../shared/lib/result';
import { formatDataFileError } from '../shared/lib/dataFile';
import { parsePartsCatalog } from '../shared/parts/catalog';
import { formatPolicyLoadError, parsePolicy } from '../shared/warranty';
import { appendChanges } from './changes';
import type { HqContext } from './context';
import { int, intOrNull, text, textOrNull, toJson } from './db/types';

/*
 * HQ-owned data an administrator publishes. Each publication is stored and appended to the change
 * log in one transaction, so every counter pulls it in HQ's order.
 */

function parseJson(input: string): Result<unknown, string> {
  try {
    return ok(JSON.parse(input) as unknown);
  } catch (e) {
    return err(`This is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export interface Published {
  readonly id: string;
  readonly version: number;
}

/** Publishes a new version of a warranty policy, validated with the engine's own parsePolicy. */
export async function publishPolicy(
  ctx: HqContext,
  input: string,
): Promise<Result<Published, string>> {
  const parsed = parseJson(input);
  if (!parsed.ok) return parsed;
  const policy = parsePolicy(parsed.value, 'the pasted policy');
  if (!policy.ok) return err(formatPolicyLoadError(policy.error));
  const { id, version } = policy.value;
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const [latest] = await tx.query('SELECT max(version) AS v FROM policies WHERE policy_id = $1', [
      id,
    ]);
    const current = latest === undefined ? null : intOrNull(latest, 'v');
    if (current !== null && version <= current) {
      return err(
        `Policy "${id}" is already at version ${current}: give the new one a higher "version".`,
      );
    }
    await tx.query(
      'INSERT INTO policies (policy_id, version, document, published_at) VALUES ($1, $2, $3::jsonb, $4)',
      [id, version, toJson(parsed.value), now],
    );
    await appendChanges(
      tx,
      [
        {
          centerCode: null,
          body: { kind: 'policy', policyId: id, version, document: parsed.value, publishedAt: now },
        },
      ],
      now,
    );
    return ok({ id, version });
  });
}

/**
 * Publishes the whole parts catalog, validated with the counter's own parsePartsCatalog; its
 * `version` must be higher than the one published.
 */
export async function publishCatalog(
  ctx: HqContext,
  input: string,
): Promise<Result<Published, string>> {
  const parsed = parseJson(input);
  if (!parsed.ok) return parsed;
  const catalog = parsePartsCatalog(parsed.value, 'the pasted catalog');
  if (!catalog.ok) return err(formatDataFileError(catalog.error));
  const { version, parts } = catalog.value;
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const [latest] = await tx.query('SELECT max(version) AS v FROM catalog_versions');
    const current = latest === undefined ? null : intOrNull(latest, 'v');
    if (current !== null && version <= current) {
      return err(
        `The parts catalog is already at version ${current}: give the new one a higher "version".`,
      );
    }
    await tx.query(
      `INSERT INTO catalog_versions (version, parts, part_count, published_at)
       VALUES ($1, $2::jsonb, $3, $4)`,
      [version, toJson(parsed.value), parts.length, now],
    );
    await tx.query('DELETE FROM parts_catalog');
    if (parts.length > 0) {
      await tx.query(
        `INSERT INTO parts_catalog (part_number, brand, name, returnable, catalog_version)
         SELECT part_number, brand, name, returnable, $2
         FROM jsonb_to_recordset($1::jsonb) AS r(part_number text, brand text, name text,
           returnable boolean)`,
        [
          toJson(
            parts.map((p) => ({
              part_number: p.partNumber,
              brand: p.brand,
              name: p.name,
              returnable: p.returnToHq,
            })),
          ),
          version,
        ],
      );
    }
    await appendChanges(
      tx,
      [
        {
          centerCode: null,
          body: { kind: 'catalog', version, document: parsed.value, publishedAt: now },
        },
      ],
      now,
    );
    return ok({ id: 'catalog', version });
  });
}

/** Marks a defective part received back at HQ and tells its center (a part-return receipt). */
export async function markPartReceived(
  ctx: HqContext,
  partId: string,
  note: string,
): Promise<Result<{ readonly centerCode: string }, string>> {
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.query(
      `UPDATE defective_parts SET received_at = $2, received_note = $3
       WHERE id = $1 AND received_at IS NULL
       RETURNING center_code, shipment_id, part_number, ticket_id, received_at`,
      [partId, now, note],
    );
    if (row === undefined) {
      const [exists] = await tx.query('SELECT received_at FROM defective_parts WHERE id = $1', [
        partId,
      ]);
      return err(
        exists === undefined ? 'There is no such part.' : 'This part was already marked received.',
      );
    }
    const centerCode = text(row, 'center_code');
    await appendChanges(
      tx,
      [
        {
          centerCode,
          body: {
            kind: 'partReturnReceipt',
            partId,
            shipmentId: textOrNull(row, 'shipment_id'),
            partNumber: text(row, 'part_number'),
            ticketId: textOrNull(row, 'ticket_id'),
            receivedAt: int(row, 'received_at'),
            note,
          },
        },
      ],
      now,
    );
    return ok({ centerCode });
  });
}
