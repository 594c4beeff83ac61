-- Date range searches (`ge A & lt B`, `ap`, `eq`) bound `low` on both sides through the span of
-- the parameter's values (src/storage/sql/search-date-sql.ts): MIN/MAX(high - low) per
-- (resource_type, code) is one probe of this index. The range index gains the id, so a date
-- condition builds its id list from the index alone.
CREATE INDEX search_date_span ON search_date (resource_type, code, (high - low));
DROP INDEX search_date_range;
CREATE INDEX search_date_range ON search_date (resource_type, code, low, high, id);
