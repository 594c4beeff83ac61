-- Index rows the store now answers from rows it writes anyway (decision 022,
-- src/storage/sql/derived-index.ts): `_id` from the key of resource_current, `_lastUpdated` from
-- its new last_updated_ms column (one index entry instead of four in search_date), and the
-- parameters whose type, expression and targets repeat an earlier one's from that one's rows
-- (R4: phonetic = name on Patient, Practitioner and RelatedPerson; url = system on CodeSystem).

ALTER TABLE resource_current ADD COLUMN last_updated_ms INTEGER;

-- Epoch milliseconds of the stored ISO instant (julianday 2440587.5 is 1970-01-01T00:00:00Z).
UPDATE resource_current
SET last_updated_ms = CAST(ROUND((julianday(last_updated) - 2440587.5) * 86400000.0) AS INTEGER);

CREATE INDEX resource_current_last_updated ON resource_current (resource_type, last_updated_ms, id)
WHERE deleted = 0;

DELETE FROM search_token WHERE code = '_id';
DELETE FROM search_date WHERE code = '_lastUpdated';
DELETE FROM search_string WHERE code = 'phonetic' AND resource_type IN ('Patient', 'Practitioner', 'RelatedPerson');
DELETE FROM search_uri WHERE code = 'url' AND resource_type = 'CodeSystem';
