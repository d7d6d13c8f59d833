-- HQ's schema, version 1. The same SQL runs on embedded PGlite and on a PostgreSQL server.
-- Times are milliseconds since the epoch (bigint) from HQ's injected clock, or the counter's
-- where a column says so; plain calendar dates are 'YYYY-MM-DD' text, never timestamps.

-- Centers and the counters (devices) enrolled at them ------------------------------------------

CREATE TABLE centers (
  code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9]{2,10}$'),
  name text NOT NULL,
  created_at bigint NOT NULL
);

-- One-time codes an administrator hands to a center; only their SHA-256 is kept.
CREATE TABLE enrollment_codes (
  code_hash text PRIMARY KEY,
  center_code text NOT NULL REFERENCES centers (code),
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  used_at bigint,
  used_by_device text
);

-- An enrolled counter. `last_mutation_id` is the highest outbox id acknowledged for it;
-- `pending_up_to` the highest it said it has written (its backlog is the difference).
CREATE TABLE devices (
  id text PRIMARY KEY,
  center_code text NOT NULL REFERENCES centers (code),
  name text NOT NULL,
  installation_id text UNIQUE,
  token_hash text NOT NULL UNIQUE,
  enrolled_at bigint NOT NULL,
  revoked_at bigint,
  last_mutation_id bigint NOT NULL DEFAULT 0,
  pending_up_to bigint NOT NULL DEFAULT 0,
  rejected_count integer NOT NULL DEFAULT 0,
  last_seen_at bigint,
  last_push_at bigint,
  last_pull_at bigint,
  app_version text,
  -- The counter's settings as it last sent them (updateSettings).
  settings jsonb
);
CREATE INDEX devices_center ON devices (center_code);

-- What counters sent -----------------------------------------------------------------------------

-- Every mutation HQ acknowledged, applied or rejected; the key makes a duplicate impossible.
CREATE TABLE mutation_log (
  device_id text NOT NULL REFERENCES devices (id),
  mutation_id bigint NOT NULL,
  name text NOT NULL,
  args jsonb NOT NULL,
  client_at bigint NOT NULL,
  received_at bigint NOT NULL,
  status text NOT NULL CHECK (status IN ('applied', 'rejected')),
  -- SHA-256 of the name and arguments: a number sent again with other contents is a reuse.
  digest text NOT NULL,
  PRIMARY KEY (device_id, mutation_id)
);

CREATE TABLE rejected_mutations (
  device_id text NOT NULL,
  mutation_id bigint NOT NULL,
  name text NOT NULL,
  ticket_id text,
  code text NOT NULL,
  message text NOT NULL,
  rejected_at bigint NOT NULL,
  PRIMARY KEY (device_id, mutation_id),
  FOREIGN KEY (device_id, mutation_id) REFERENCES mutation_log (device_id, mutation_id)
);

-- Current state of the centers' records (client times) ---------------------------------------------

CREATE TABLE customers (
  id text PRIMARY KEY,
  center_code text NOT NULL REFERENCES centers (code),
  name text NOT NULL,
  phone text NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);
CREATE INDEX customers_center ON customers (center_code);

-- Watches (the counter's `devices` table; named apart from enrolled counters here).
CREATE TABLE watches (
  id text PRIMARY KEY,
  center_code text NOT NULL REFERENCES centers (code),
  brand text NOT NULL,
  serial text NOT NULL,
  model text NOT NULL,
  invoice_number text NOT NULL,
  invoice_date text,
  activation_date text,
  purchase_channel text NOT NULL,
  purchase_country text NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);
CREATE INDEX watches_serial ON watches (serial);

CREATE TABLE technicians (
  id text PRIMARY KEY,
  center_code text NOT NULL REFERENCES centers (code),
  name text NOT NULL,
  active boolean NOT NULL,
  added_at bigint NOT NULL
);

-- Ticket numbers are not unique here: two counters of one center number their days apart.
CREATE TABLE tickets (
  id text PRIMARY KEY,
  center_code text NOT NULL REFERENCES centers (code),
  device_id text NOT NULL REFERENCES devices (id),
  number text NOT NULL,
  customer_id text NOT NULL REFERENCES customers (id),
  watch_id text NOT NULL REFERENCES watches (id),
  serial text NOT NULL,
  brand text NOT NULL,
  status text NOT NULL,
  visit_date text NOT NULL,
  component text NOT NULL,
  findings jsonb NOT NULL,
  decision jsonb NOT NULL,
  quote jsonb,
  received_by text NOT NULL,
  complaint text NOT NULL,
  accessories jsonb NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);
CREATE INDEX tickets_serial ON tickets (serial, visit_date);
CREATE INDEX tickets_center ON tickets (center_code, created_at);
CREATE INDEX tickets_number ON tickets (number);

-- Appended, never edited; `body` is the event exactly as the counter wrote it.
CREATE TABLE ticket_events (
  id text PRIMARY KEY,
  ticket_id text NOT NULL REFERENCES tickets (id),
  kind text NOT NULL,
  at bigint NOT NULL,
  technician_id text NOT NULL,
  body jsonb NOT NULL,
  device_id text NOT NULL,
  mutation_id bigint NOT NULL
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, at);

-- Photo metadata only: the pictures themselves travel apart.
CREATE TABLE photos (
  id text PRIMARY KEY,
  ticket_id text NOT NULL REFERENCES tickets (id),
  kind text NOT NULL,
  type text NOT NULL,
  size bigint NOT NULL,
  created_at bigint NOT NULL
);

-- Parts, per center (written by the parts ledger's mutations when they exist) ----------------------

-- Stock is a ledger: on hand is the sum of quantities.
CREATE TABLE part_movements (
  id text PRIMARY KEY,
  center_code text NOT NULL REFERENCES centers (code),
  part_number text NOT NULL,
  quantity integer NOT NULL,
  kind text NOT NULL,
  ticket_id text,
  at bigint NOT NULL,
  device_id text,
  mutation_id bigint
);
CREATE INDEX part_movements_center ON part_movements (center_code, part_number);

CREATE TABLE return_shipments (
  id text PRIMARY KEY,
  center_code text NOT NULL REFERENCES centers (code),
  created_at bigint NOT NULL,
  shipped_at bigint,
  carrier text NOT NULL DEFAULT '',
  tracking text NOT NULL DEFAULT '',
  note text NOT NULL DEFAULT ''
);
CREATE INDEX return_shipments_center ON return_shipments (center_code, created_at);

-- Defective parts that belong to the manufacturer; `received_at` is set when HQ has one back.
CREATE TABLE defective_parts (
  id text PRIMARY KEY,
  center_code text NOT NULL REFERENCES centers (code),
  part_number text NOT NULL,
  ticket_id text,
  serial text,
  shipment_id text REFERENCES return_shipments (id),
  recorded_at bigint NOT NULL,
  received_at bigint,
  received_note text NOT NULL DEFAULT ''
);
CREATE INDEX defective_parts_shipment ON defective_parts (shipment_id);
CREATE INDEX defective_parts_center ON defective_parts (center_code, recorded_at);

CREATE TABLE free_replacements (
  id text PRIMARY KEY,
  serial text NOT NULL,
  center_code text NOT NULL REFERENCES centers (code),
  ticket_id text,
  given_on text NOT NULL,
  recorded_at bigint NOT NULL
);
CREATE INDEX free_replacements_serial ON free_replacements (serial);

-- HQ-owned data -------------------------------------------------------------------------------------

-- The manufacturers' registry of watches sold (import-registry).
CREATE TABLE registry (
  serial text PRIMARY KEY,
  brand text NOT NULL,
  model text NOT NULL,
  activation_date text,
  sold_date text,
  sold_country text,
  sold_channel text,
  imported_at bigint NOT NULL
);

CREATE TABLE policies (
  policy_id text NOT NULL,
  version integer NOT NULL,
  document jsonb NOT NULL,
  published_at bigint NOT NULL,
  PRIMARY KEY (policy_id, version)
);

CREATE TABLE catalog_versions (
  version integer PRIMARY KEY,
  parts jsonb NOT NULL,
  part_count integer NOT NULL,
  published_at bigint NOT NULL
);

-- The catalog in force, one row per part (the latest published version).
CREATE TABLE parts_catalog (
  part_number text PRIMARY KEY,
  brand text NOT NULL,
  name text NOT NULL,
  returnable boolean NOT NULL,
  catalog_version integer NOT NULL REFERENCES catalog_versions (version)
);

-- The change log: HQ-owned data flowing down, numbered by one sequence. Rows are appended only
-- under an advisory lock held to commit, so sequence order is commit order and a reader never
-- skips a number that commits later. `center_code` null: for every center.
CREATE TABLE changes (
  seq bigserial PRIMARY KEY,
  center_code text,
  kind text NOT NULL,
  body jsonb NOT NULL,
  created_at bigint NOT NULL
);

CREATE TABLE hq_settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);
