-- "My recent reports" (a grid worker's home and report page): the cases one user registered,
-- newest first. Without it the query walks cases_received backwards through the whole district.
CREATE INDEX cases_registered_by ON cases (registered_by, received_at DESC);
