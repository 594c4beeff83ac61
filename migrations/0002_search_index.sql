-- Search index: one table per search parameter type, rows written in the same atomic batch as
-- the resource version (see src/storage/sql/index-write-sql.ts). Values are normalised on the
-- way in (src/search/extract-values.ts), so searches compare columns and never parse JSON.
-- Only current, not deleted resources have rows.

CREATE TABLE search_token (
  resource_type TEXT NOT NULL,
  id TEXT NOT NULL,
  code TEXT NOT NULL,
  system TEXT,
  value TEXT,
  text TEXT
);
CREATE INDEX search_token_value ON search_token (resource_type, code, value, system);
CREATE INDEX search_token_resource ON search_token (resource_type, id, code);

CREATE TABLE search_string (
  resource_type TEXT NOT NULL,
  id TEXT NOT NULL,
  code TEXT NOT NULL,
  value TEXT NOT NULL,
  exact TEXT NOT NULL
);
CREATE INDEX search_string_value ON search_string (resource_type, code, value);
CREATE INDEX search_string_resource ON search_string (resource_type, id, code);

-- low/high: the inclusive instant range the value covers, epoch milliseconds.
CREATE TABLE search_date (
  resource_type TEXT NOT NULL,
  id TEXT NOT NULL,
  code TEXT NOT NULL,
  low INTEGER NOT NULL,
  high INTEGER NOT NULL
);
CREATE INDEX search_date_range ON search_date (resource_type, code, low, high);
CREATE INDEX search_date_resource ON search_date (resource_type, id, code);

CREATE TABLE search_reference (
  resource_type TEXT NOT NULL,
  id TEXT NOT NULL,
  code TEXT NOT NULL,
  target_type TEXT,
  target_id TEXT,
  url TEXT NOT NULL
);
CREATE INDEX search_reference_target ON search_reference (resource_type, code, target_id, target_type);
CREATE INDEX search_reference_reverse ON search_reference (target_type, target_id, resource_type, code);
CREATE INDEX search_reference_resource ON search_reference (resource_type, id, code);

-- canonical_*: the value in UCUM base units when the unit is UCUM and convertible.
CREATE TABLE search_quantity (
  resource_type TEXT NOT NULL,
  id TEXT NOT NULL,
  code TEXT NOT NULL,
  value REAL NOT NULL,
  system TEXT,
  unit TEXT,
  canonical_value REAL,
  canonical_unit TEXT
);
CREATE INDEX search_quantity_canonical ON search_quantity (resource_type, code, canonical_unit, canonical_value);
CREATE INDEX search_quantity_resource ON search_quantity (resource_type, id, code);

CREATE TABLE search_number (
  resource_type TEXT NOT NULL,
  id TEXT NOT NULL,
  code TEXT NOT NULL,
  value REAL NOT NULL
);
CREATE INDEX search_number_value ON search_number (resource_type, code, value);
CREATE INDEX search_number_resource ON search_number (resource_type, id, code);

CREATE TABLE search_uri (
  resource_type TEXT NOT NULL,
  id TEXT NOT NULL,
  code TEXT NOT NULL,
  value TEXT NOT NULL
);
CREATE INDEX search_uri_value ON search_uri (resource_type, code, value);
CREATE INDEX search_uri_resource ON search_uri (resource_type, id, code);
