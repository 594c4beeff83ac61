-- Sorting (src/storage/sql/search-query.ts) joins each match to its index rows of the sort
-- parameter on (resource_type, id, code) and takes MIN/MAX of the sort column. The per-resource
-- indexes gain that column, so the join is answered from the index alone. Without it SQLite
-- (no statistics) preferred the covering value index on (resource_type, code) and scanned every
-- row of the parameter for every match: minutes for a sort over 34,000 Patients (issue 17).
DROP INDEX search_token_resource;
CREATE INDEX search_token_resource ON search_token (resource_type, id, code, value);
DROP INDEX search_string_resource;
CREATE INDEX search_string_resource ON search_string (resource_type, id, code, value);
DROP INDEX search_date_resource;
CREATE INDEX search_date_resource ON search_date (resource_type, id, code, low, high);
DROP INDEX search_reference_resource;
CREATE INDEX search_reference_resource ON search_reference (resource_type, id, code, url);
DROP INDEX search_quantity_resource;
CREATE INDEX search_quantity_resource ON search_quantity (resource_type, id, code, canonical_value, value);
DROP INDEX search_number_resource;
CREATE INDEX search_number_resource ON search_number (resource_type, id, code, value);
DROP INDEX search_uri_resource;
CREATE INDEX search_uri_resource ON search_uri (resource_type, id, code, value);
