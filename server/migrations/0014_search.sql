-- Chinese full-text search and repeat detection at intake.
--
-- search_vector holds jieba's search-mode tokens of title, facts, demands, reasons, address and the
-- replies (处理意见, 复查意见, 复核意见), joined by spaces and parsed with the 'simple' configuration.
-- The tokens are computed in Node (server/src/lib/zh-tokenize.ts) and written with the insert or
-- update that changes the text, in the same transaction: no trigger repeats the work. Rows written
-- before this migration are filled by `laiban search reindex` (NULL until then: not found by text).
ALTER TABLE cases ADD COLUMN search_vector tsvector;
CREATE INDEX cases_search ON cases USING gin (search_vector);

-- Substrings and addresses: pg_trgm finds "联丰路米兰" inside an address and ranks similar addresses.
CREATE INDEX cases_address_trgm ON cases USING gin (address gin_trgm_ops);
CREATE INDEX cases_title_trgm ON cases USING gin (title gin_trgm_ops);
