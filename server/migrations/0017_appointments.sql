-- Reception appointments (预约接访): the published schedule of leader-reception days and workstation
-- duty sessions, and the citizens' bookings. A booking is not a case: at the reception the host
-- registers the matter (channel leader_reception or visit) and the booking points to that case.

CREATE TABLE reception_sessions (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Where the reception takes place (a service centre, a town, a community workstation).
  unit_id       uuid NOT NULL REFERENCES org_units(id),
  kind          text NOT NULL CHECK (kind IN ('leader_reception', 'duty')),
  host_user_id  uuid REFERENCES users(id),
  host_name     text NOT NULL,
  host_title    text,
  starts_at     timestamptz NOT NULL,
  ends_at       timestamptz NOT NULL CHECK (ends_at > starts_at),
  place         text NOT NULL,
  topics        text,
  capacity      integer NOT NULL CHECK (capacity BETWEEN 1 AND 200),
  -- Kept with the booking in one transaction: the check makes overbooking impossible.
  booked        integer NOT NULL DEFAULT 0 CHECK (booked >= 0 AND booked <= capacity),
  status        text NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'cancelled')),
  cancel_reason text,
  created_by    uuid NOT NULL REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
-- The public schedule (upcoming, published) and each unit's sessions by date.
CREATE INDEX reception_sessions_upcoming_idx ON reception_sessions (starts_at) WHERE status = 'published';
CREATE INDEX reception_sessions_unit_idx ON reception_sessions (unit_id, starts_at);

CREATE TABLE appointments (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id    uuid NOT NULL REFERENCES reception_sessions(id),
  -- What the citizen quotes to cancel (with the phone): random, says nothing by itself.
  booking_code  text NOT NULL UNIQUE,
  name          text NOT NULL,
  phone_enc     text NOT NULL,
  phone_hmac    text NOT NULL,
  phone_masked  text NOT NULL,
  subject       text NOT NULL,
  person_count  integer NOT NULL DEFAULT 1 CHECK (person_count BETWEEN 1 AND 5),
  status        text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled', 'attended', 'no_show')),
  case_id       uuid REFERENCES cases(id),
  reminded_at   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appointments_session_idx ON appointments (session_id, created_at);
-- One live booking per phone and session.
CREATE UNIQUE INDEX appointments_phone_uniq ON appointments (session_id, phone_hmac) WHERE status = 'booked';
-- The reminder sweep: live bookings not yet reminded.
CREATE INDEX appointments_remind_idx ON appointments (session_id) WHERE status = 'booked' AND reminded_at IS NULL;
