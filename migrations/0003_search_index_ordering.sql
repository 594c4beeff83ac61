-- Value indexes that end with the resource id, so an equality search returns ids in id order
-- from the index alone (covering; the default page order needs no sort), and a date-range index
-- on the upper bound for `gt`/`ge` searches.
DROP INDEX search_token_value;
CREATE INDEX search_token_value ON search_token (resource_type, code, value, system, id);
DROP INDEX search_reference_target;
CREATE INDEX search_reference_target ON search_reference (resource_type, code, target_id, target_type, id);
DROP INDEX search_uri_value;
CREATE INDEX search_uri_value ON search_uri (resource_type, code, value, id);
CREATE INDEX search_date_high ON search_date (resource_type, code, high, low);
