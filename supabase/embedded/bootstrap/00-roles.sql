-- Platform roles, shaped like Supabase's (supabase/postgres init scripts): API roles the gateway switches to,
-- the authenticator that may become them, and the admin roles that own the auth and storage schemas.
-- Idempotent: every statement checks before it creates.

do $$
declare
  spec record;
begin
  for spec in
    select * from (values
      ('anon',                   'nologin noinherit'),
      ('authenticated',          'nologin noinherit'),
      ('service_role',           'nologin noinherit bypassrls'),
      ('authenticator',          'login noinherit'),
      ('supabase_admin',         'login createrole createdb replication bypassrls'),
      ('supabase_auth_admin',    'login noinherit createrole'),
      ('supabase_storage_admin', 'login noinherit createrole')
    ) as t(name, attributes)
  loop
    if not exists (select 1 from pg_roles where rolname = spec.name) then
      begin
        execute format('create role %I %s', spec.name, spec.attributes);
      exception
        -- Roles are cluster-wide: another database of the same server may create it at the same moment.
        when duplicate_object or unique_violation then null;
      end;
    end if;
  end loop;
end $$;

-- API roles inherit since supabase/postgres 20230529180330.
alter role anon inherit;
alter role authenticated inherit;
alter role service_role inherit;

grant anon, authenticated, service_role to authenticator;
grant anon, authenticated, service_role to supabase_storage_admin;
grant supabase_auth_admin, supabase_storage_admin to supabase_admin;

alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';

-- The schema the platform keeps its own state in (bootstrap version, migrations ledger, mailbox).
create schema if not exists _embedded;
revoke all on schema _embedded from public;
