-- State of the embedded backend itself, in the private `_embedded` schema (no grants to the API roles).

-- Every email the backend would have sent; the site's development mailbox page reads it through
-- GET /mailbox/v1/messages (service_role key only).
create table if not exists _embedded.mailbox (
  id bigserial primary key,
  created_at timestamptz not null default now(),
  to_address text not null,
  subject text not null,
  text_body text not null,
  html_body text not null,
  -- What the email is for: signup, magiclink, recovery, invite, email_change_current, email_change_new, reauthentication.
  kind text not null,
  -- The link and one-time code the email carries, so tests and the mailbox page need not parse bodies.
  action_link text,
  otp text
);
create index if not exists mailbox_to_address_idx on _embedded.mailbox (lower(to_address), id desc);

-- Which bootstrap (by digest of these files) this database has; startup reapplies it only when it changed.
create table if not exists _embedded.bootstrap_state (
  id int primary key default 1 check (id = 1),
  digest text not null,
  applied_at timestamptz not null default now(),
  -- true from the first bootstrap until supabase/seed.sql has run once
  seed_pending boolean not null default true
);
