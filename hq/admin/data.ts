import type { Queryable } from '../db/types';
import { bool, int, intOrNull, text, textOrNull } from '../db/types';

/** What the admin pages show, read in a few queries each. */

export interface CenterView {
  readonly code: string;
  readonly name: string;
  readonly devices: number;
  readonly tickets: number;
}

export interface DeviceView {
  readonly id: string;
  readonly centerCode: string;
  readonly name: string;
  readonly enrolledAt: number;
  readonly revokedAt: number | null;
  readonly lastSeenAt: number | null;
  readonly lastPushAt: number | null;
  readonly lastPullAt: number | null;
  readonly lastMutationId: number;
  /** The highest id the counter said it has written: the backlog is this minus the last applied. */
  readonly pendingUpTo: number;
  readonly rejectedCount: number;
  readonly appVersion: string | null;
}

export interface RejectionView {
  readonly deviceId: string;
  readonly deviceName: string;
  readonly centerCode: string;
  readonly mutationId: number;
  readonly name: string;
  readonly code: string;
  readonly message: string;
  readonly rejectedAt: number;
}

export async function listCenters(q: Queryable): Promise<CenterView[]> {
  const rows = await q.query(
    `SELECT c.code, c.name,
       (SELECT count(*)::int FROM devices d WHERE d.center_code = c.code) AS devices,
       (SELECT count(*)::int FROM tickets t WHERE t.center_code = c.code) AS tickets
     FROM centers c ORDER BY c.code`,
  );
  return rows.map((r) => ({
    code: text(r, 'code'),
    name: text(r, 'name'),
    devices: int(r, 'devices'),
    tickets: int(r, 'tickets'),
  }));
}

export async function listDevices(q: Queryable): Promise<DeviceView[]> {
  const rows = await q.query(
    `SELECT id, center_code, name, enrolled_at, revoked_at, last_seen_at, last_push_at,
       last_pull_at, last_mutation_id, pending_up_to, rejected_count, app_version
     FROM devices ORDER BY center_code, name, id`,
  );
  return rows.map((r) => ({
    id: text(r, 'id'),
    centerCode: text(r, 'center_code'),
    name: text(r, 'name'),
    enrolledAt: int(r, 'enrolled_at'),
    revokedAt: intOrNull(r, 'revoked_at'),
    lastSeenAt: intOrNull(r, 'last_seen_at'),
    lastPushAt: intOrNull(r, 'last_push_at'),
    lastPullAt: intOrNull(r, 'last_pull_at'),
    lastMutationId: int(r, 'last_mutation_id'),
    pendingUpTo: int(r, 'pending_up_to'),
    rejectedCount: int(r, 'rejected_count'),
    appVersion: textOrNull(r, 'app_version'),
  }));
}

export async function recentRejections(q: Queryable, limit = 50): Promise<RejectionView[]> {
  const rows = await q.query(
    `SELECT r.device_id, d.name AS device_name, d.center_code, r.mutation_id, r.name, r.code,
       r.message, r.rejected_at
     FROM rejected_mutations r JOIN devices d ON d.id = r.device_id
     ORDER BY r.rejected_at DESC, r.mutation_id DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    deviceId: text(r, 'device_id'),
    deviceName: text(r, 'device_name'),
    centerCode: text(r, 'center_code'),
    mutationId: int(r, 'mutation_id'),
    name: text(r, 'name'),
    code: text(r, 'code'),
    message: text(r, 'message'),
    rejectedAt: int(r, 'rejected_at'),
  }));
}

export interface ReturnPartView {
  readonly id: string;
  readonly centerCode: string;
  readonly partNumber: string;
  readonly ticketId: string | null;
  readonly serial: string | null;
  readonly shipmentId: string | null;
  readonly recordedAt: number;
  readonly receivedAt: number | null;
  readonly receivedNote: string;
}

export interface ShipmentView {
  readonly id: string | null;
  readonly centerCode: string;
  readonly createdAt: number | null;
  readonly shippedAt: number | null;
  readonly carrier: string;
  readonly tracking: string;
  readonly parts: readonly ReturnPartView[];
}

/** Return shipments with their parts, newest first; parts not yet in a shipment come first. */
export async function listReturns(q: Queryable, limit = 200): Promise<ShipmentView[]> {
  const shipments = await q.query(
    `SELECT id, center_code, created_at, shipped_at, carrier, tracking
     FROM return_shipments ORDER BY created_at DESC LIMIT $1`,
    [limit],
  );
  const parts = await q.query(
    `SELECT id, center_code, part_number, ticket_id, serial, shipment_id, recorded_at,
       received_at, received_note
     FROM defective_parts
     WHERE shipment_id IS NULL OR shipment_id IN (
       SELECT id FROM return_shipments ORDER BY created_at DESC LIMIT $1)
     ORDER BY recorded_at, id`,
    [limit],
  );
  const byShipment = new Map<string, ReturnPartView[]>();
  const loose = new Map<string, ReturnPartView[]>();
  for (const r of parts) {
    const part: ReturnPartView = {
      id: text(r, 'id'),
      centerCode: text(r, 'center_code'),
      partNumber: text(r, 'part_number'),
      ticketId: textOrNull(r, 'ticket_id'),
      serial: textOrNull(r, 'serial'),
      shipmentId: textOrNull(r, 'shipment_id'),
      recordedAt: int(r, 'recorded_at'),
      receivedAt: intOrNull(r, 'received_at'),
      receivedNote: text(r, 'received_note'),
    };
    const into = part.shipmentId === null ? loose : byShipment;
    const key = part.shipmentId ?? part.centerCode;
    into.set(key, [...(into.get(key) ?? []), part]);
  }
  return [
    ...[...loose.entries()].map(([centerCode, ps]) => ({
      id: null,
      centerCode,
      createdAt: null,
      shippedAt: null,
      carrier: '',
      tracking: '',
      parts: ps,
    })),
    ...shipments.map((s) => ({
      id: text(s, 'id'),
      centerCode: text(s, 'center_code'),
      createdAt: int(s, 'created_at'),
      shippedAt: intOrNull(s, 'shipped_at'),
      carrier: text(s, 'carrier'),
      tracking: text(s, 'tracking'),
      parts: byShipment.get(text(s, 'id')) ?? [],
    })),
  ];
}

export interface PolicyView {
  readonly id: string;
  readonly version: number;
  readonly publishedAt: number;
}

export async function listPolicies(q: Queryable): Promise<PolicyView[]> {
  const rows = await q.query(
    'SELECT policy_id, version, published_at FROM policies ORDER BY policy_id, version DESC',
  );
  return rows.map((r) => ({
    id: text(r, 'policy_id'),
    version: int(r, 'version'),
    publishedAt: int(r, 'published_at'),
  }));
}

export interface CatalogView {
  readonly version: number | null;
  readonly publishedAt: number | null;
  readonly partCount: number;
  readonly parts: readonly {
    readonly partNumber: string;
    readonly brand: string;
    readonly name: string;
    readonly returnable: boolean;
  }[];
}

export async function currentCatalog(q: Queryable, limit = 500): Promise<CatalogView> {
  const [v] = await q.query(
    'SELECT version, published_at, part_count FROM catalog_versions ORDER BY version DESC LIMIT 1',
  );
  const parts = await q.query(
    'SELECT part_number, brand, name, returnable FROM parts_catalog ORDER BY part_number LIMIT $1',
    [limit],
  );
  return {
    version: v === undefined ? null : int(v, 'version'),
    publishedAt: v === undefined ? null : int(v, 'published_at'),
    partCount: v === undefined ? 0 : int(v, 'part_count'),
    parts: parts.map((r) => ({
      partNumber: text(r, 'part_number'),
      brand: text(r, 'brand'),
      name: text(r, 'name'),
      returnable: bool(r, 'returnable'),
    })),
  };
}
