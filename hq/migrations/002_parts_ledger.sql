-- HQ's schema, version 2: what the parts ledger's mutations (shared/parts/mutations.ts) carry that
-- version 1 had no place for. Each record keeps `body`, the record exactly as the counter wrote it.

ALTER TABLE part_movements ADD COLUMN body jsonb;
CREATE INDEX part_movements_ticket ON part_movements (ticket_id) WHERE ticket_id IS NOT NULL;

ALTER TABLE defective_parts ADD COLUMN body jsonb;
ALTER TABLE return_shipments ADD COLUMN body jsonb;

-- Parts fitted on tickets; a removed line keeps its row (status 'removed').
CREATE TABLE part_lines (
  id text PRIMARY KEY,
  center_code text NOT NULL REFERENCES centers (code),
  ticket_id text NOT NULL REFERENCES tickets (id),
  part_number text NOT NULL,
  quantity integer NOT NULL,
  status text NOT NULL CHECK (status IN ('fitted', 'removed')),
  fitted_at bigint NOT NULL,
  removed_at bigint,
  body jsonb NOT NULL
);
CREATE INDEX part_lines_ticket ON part_lines (ticket_id);

CREATE TABLE stock_counts (
  id text PRIMARY KEY,
  center_code text NOT NULL REFERENCES centers (code),
  counted_on text NOT NULL,
  at bigint NOT NULL,
  body jsonb NOT NULL
);
CREATE INDEX stock_counts_center ON stock_counts (center_code, at);

-- A center's own low-stock threshold for a part (setLowStockThreshold).
CREATE TABLE center_part_thresholds (
  center_code text NOT NULL REFERENCES centers (code),
  part_number text NOT NULL,
  threshold integer NOT NULL,
  set_at bigint NOT NULL,
  PRIMARY KEY (center_code, part_number)
);

-- Catalog parts a center added or changed itself, where HQ's catalog allows it (saveCatalogPart).
CREATE TABLE center_catalog_parts (
  center_code text NOT NULL REFERENCES centers (code),
  part_number text NOT NULL,
  body jsonb NOT NULL,
  saved_at bigint NOT NULL,
  PRIMARY KEY (center_code, part_number)
);
