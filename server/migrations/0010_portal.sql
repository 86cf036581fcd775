-- Citizen portal (网上信访): the petitioner's tracking credentials and consent per case, one-time
-- SMS codes, and spent CAPTCHA tokens. The portal registers cases through the ordinary intake, so
-- nothing here duplicates case data; these rows only let a citizen find and answer their own case.

-- One row per case submitted online. Keyed by case_id like every table that grows with cases.
CREATE TABLE portal_petitions (
  case_id          uuid PRIMARY KEY REFERENCES cases(id),
  tracking_code    text NOT NULL UNIQUE,
  -- argon2id hash of the query password; the password itself is shown once and never stored.
  password_hash    text NOT NULL,
  -- Blind indexes (field-crypto HMAC) for the per-person submission limit; never the clear values.
  id_number_hmac   text NOT NULL,
  phone_hmac       text NOT NULL,
  consent_version  text NOT NULL,
  consented_at     timestamptz NOT NULL,
  failed_attempts  integer NOT NULL DEFAULT 0,
  locked_until     timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX portal_petitions_id_number ON portal_petitions (id_number_hmac, created_at);

-- One-time SMS codes: a keyed hash of the code, tried at most a few times, valid for minutes.
CREATE TABLE portal_sms_codes (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  phone_hmac  text NOT NULL,
  code_hash   text NOT NULL,
  attempts    integer NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
CREATE INDEX portal_sms_codes_phone ON portal_sms_codes (phone_hmac, created_at);

-- A CAPTCHA token is stateless (signed) but good for one use: its nonce is recorded when spent.
CREATE TABLE portal_spent_captchas (
  nonce      text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
