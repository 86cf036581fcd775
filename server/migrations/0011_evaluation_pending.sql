-- Changes to the evaluation counters not yet folded into evaluation_daily and evaluation_monthly.
-- A case change appends its difference here, for its own unit only: an insert never waits on
-- another transaction, where adding to the summary rows in the transaction made every intake of a
-- district queue on the district's row of the day until the previous one committed. A timer folds
-- these rows into the summaries (rolled up to every ancestor) every few seconds, and the figures
-- add whatever is still here, so they are exact at every moment.
CREATE TABLE evaluation_pending (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  LIKE evaluation_daily INCLUDING DEFAULTS
);
