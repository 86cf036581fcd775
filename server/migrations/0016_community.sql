-- Community governance (网格化): grid boundaries, grid heads and members, courtyard units.
-- A grid is an org unit of kind 'grid' (the organisation tree already places it under its community);
-- this table adds what a map and a roster need. A courtyard unit (和美院落) is a small grid: an org
-- unit of kind 'grid' under a grid, with grid_type 'courtyard' (1 head + at most 2 members).

CREATE TABLE grids (
  unit_id     uuid PRIMARY KEY REFERENCES org_units(id),
  grid_type   text NOT NULL DEFAULT 'grid' CHECK (grid_type IN ('grid','courtyard')),
  -- GeoJSON geometry (Polygon or MultiPolygon, WGS-84 longitude/latitude), as imported.
  boundary    jsonb,
  -- Bounding box and a label point, kept with the boundary so the map and the point-in-grid
  -- look-up need not parse every polygon.
  min_lng     double precision,
  min_lat     double precision,
  max_lng     double precision,
  max_lat     double precision,
  centre_lng  double precision,
  centre_lat  double precision,
  households  integer CHECK (households >= 0),
  buildings   integer CHECK (buildings >= 0),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Grid head (网格长 / 院落长) and members (网格员 / 楼栋长 …). A member is a staff user or a named
-- resident without an account (courtyard heads are usually residents).
CREATE TABLE grid_members (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id      uuid NOT NULL REFERENCES grids(unit_id) ON DELETE CASCADE,
  member_role  text NOT NULL CHECK (member_role IN ('head','member')),
  user_id      uuid REFERENCES users(id),
  name         text NOT NULL,
  duty         text,
  sort_order   integer NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX grid_members_one_head ON grid_members (unit_id) WHERE member_role = 'head';
CREATE UNIQUE INDEX grid_members_user_uniq ON grid_members (unit_id, user_id) WHERE user_id IS NOT NULL;
CREATE INDEX grid_members_user_idx ON grid_members (user_id);
