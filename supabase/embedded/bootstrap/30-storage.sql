-- The `storage` schema as Supabase Storage's tenant migrations leave it (supabase/storage
-- migrations/tenant 0001–0063): buckets, objects, the path helpers policies use, the `search` function,
-- RLS enabled on both tables, and the grants Supabase gives the API roles. Idempotent.
-- Needs the roles anon, authenticated and service_role (created earlier in the bootstrap).

create schema if not exists storage;

grant usage on schema storage to postgres, anon, authenticated, service_role;
alter default privileges in schema storage grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges in schema storage grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges in schema storage grant all on sequences to postgres, anon, authenticated, service_role;

do $$
begin
	create type storage.buckettype as enum ('STANDARD', 'ANALYTICS', 'VECTOR');
exception
	when duplicate_object then null;
end
$$;

create table if not exists storage.buckets (
	id text not null primary key,
	name text not null,
	owner uuid,
	created_at timestamptz default now(),
	updated_at timestamptz default now(),
	public boolean default false,
	avif_autodetection boolean default false,
	file_size_limit bigint,
	allowed_mime_types text[],
	owner_id text,
	type storage.buckettype not null default 'STANDARD',
	versioning_status text not null default 'DISABLED'
		constraint buckets_versioning_dark_check check (versioning_status = 'DISABLED')
);
create unique index if not exists bname on storage.buckets using btree (name);

create table if not exists storage.objects (
	id uuid not null default gen_random_uuid() primary key,
	bucket_id text constraint "objects_bucketId_fkey" references storage.buckets (id),
	name text,
	owner uuid,
	created_at timestamptz default now(),
	updated_at timestamptz default now(),
	last_accessed_at timestamptz default now(),
	metadata jsonb,
	path_tokens text[] generated always as (string_to_array(name, '/')) stored,
	version text,
	owner_id text,
	user_metadata jsonb,
	archived_at timestamptz,
	is_delete_marker boolean not null default false,
	is_versioned boolean not null default false
);
create unique index if not exists bucketid_objname on storage.objects using btree (bucket_id, name);
create index if not exists name_prefix_search on storage.objects (name text_pattern_ops);
create index if not exists idx_objects_bucket_id_name on storage.objects (bucket_id, name collate "C");
create index if not exists idx_objects_bucket_id_lower_name on storage.objects (bucket_id, lower(name) collate "C");

alter table storage.buckets enable row level security;
alter table storage.objects enable row level security;

grant all on storage.buckets, storage.objects to postgres with grant option;
grant all on storage.buckets, storage.objects to anon, authenticated, service_role;

-- Path helpers used in policies: (storage.foldername(name))[1] = auth.uid()::text …
create or replace function storage.foldername(name text)
	returns text[]
	language plpgsql
	immutable
as $function$
declare
	_parts text[];
begin
	select string_to_array(name, '/') into _parts;
	return _parts[1 : array_length(_parts, 1) - 1];
end
$function$;

create or replace function storage.filename(name text)
	returns text
	language plpgsql
	immutable
as $function$
declare
	_parts text[];
begin
	select string_to_array(name, '/') into _parts;
	return _parts[array_length(_parts, 1)];
end
$function$;

create or replace function storage.extension(name text)
	returns text
	language plpgsql
	immutable
as $function$
declare
	_parts text[];
	_filename text;
begin
	select string_to_array(name, '/') into _parts;
	select _parts[array_length(_parts, 1)] into _filename;
	return reverse(split_part(reverse(_filename), '.', 1));
end
$function$;

create or replace function storage.operation()
	returns text
	language plpgsql
	stable
as $function$
begin
	return current_setting('storage.operation', true);
end;
$function$;

create or replace function storage.get_size_by_bucket()
	returns table (size bigint, bucket_id text)
	language plpgsql
	stable
as $function$
begin
	return query
		select sum((metadata ->> 'size')::bigint)::bigint as size, obj.bucket_id
		from storage.objects as obj
		group by obj.bucket_id;
end
$function$;

create or replace function storage.get_common_prefix(p_key text, p_prefix text, p_delimiter text)
	returns text
	immutable
	language sql
as $$
select case
	when position(p_delimiter in substring(p_key from length(p_prefix) + 1)) > 0
	then left(p_key, length(p_prefix) + position(p_delimiter in substring(p_key from length(p_prefix) + 1)))
	else null
end;
$$;

-- One folder level below a prefix, folders and files interleaved (Storage's list v1); SECURITY INVOKER,
-- so it lists only rows the caller's SELECT policies show.
create or replace function storage.search(
	prefix text,
	bucketname text,
	limits int default 100,
	levels int default 1,
	offsets int default 0,
	search text default '',
	sortcolumn text default 'name',
	sortorder text default 'asc'
)
	returns table (
		name text,
		id uuid,
		updated_at timestamptz,
		created_at timestamptz,
		last_accessed_at timestamptz,
		metadata jsonb
	)
	security invoker
	language plpgsql
	stable
as $func$
declare
	v_limit int := least(coalesce(limits, 100), 1500);
	v_prefix text := coalesce(prefix, '') || coalesce(search, '');
	v_prefix_len int := length(coalesce(prefix, ''));
	v_direction text := case when lower(coalesce(sortorder, 'asc')) = 'asc' then 'asc' else 'desc' end;
	v_order_by text;
begin
	v_order_by := case lower(coalesce(sortcolumn, 'name'))
		when 'updated_at' then 'updated_at'
		when 'created_at' then 'created_at'
		when 'last_accessed_at' then 'last_accessed_at'
		else 'name'
	end;

	if v_order_by <> 'name' then
		return query execute format(
			$sql$
			with folders as (
				select array_to_string(path_tokens[$1:$2], '/') as folder
				from storage.objects
				where objects.name ilike $3 || '%%'
				  and bucket_id = $4
				  and array_length(objects.path_tokens, 1) <> $2
				group by folder
				order by folder %s
			)
			(select folder as "name", null::uuid as id, null::timestamptz as updated_at,
			        null::timestamptz as created_at, null::timestamptz as last_accessed_at,
			        null::jsonb as metadata
			 from folders)
			union all
			(select array_to_string(path_tokens[$1:$2], '/') as "name",
			        id, updated_at, created_at, last_accessed_at, metadata
			 from storage.objects
			 where objects.name ilike $3 || '%%'
			   and bucket_id = $4
			   and array_length(objects.path_tokens, 1) = $2
			 order by %I %s)
			limit $5 offset $6
			$sql$, v_direction, v_order_by, v_direction
		) using coalesce(array_length(string_to_array(coalesce(prefix, ''), '/'), 1), 1),
			coalesce(array_length(string_to_array(v_prefix, '/'), 1), 1),
			v_prefix, bucketname, v_limit, offsets;
		return;
	end if;

	return query execute format(
		$sql$
		with matched as (
			select o.name, o.id, o.updated_at, o.created_at, o.last_accessed_at, o.metadata,
			       storage.get_common_prefix(lower(o.name), lower($2), '/') as folder_key
			from storage.objects o
			where o.bucket_id = $1
			  and lower(o.name) collate "C" >= lower($2)
			  and ($2 = '' or lower(o.name) collate "C" < left(lower($2), -1) || chr(ascii(right(lower($2), 1)) + 1))
		),
		folders as (
			select distinct on (folder_key collate "C")
			       folder_key collate "C" as sort_key,
			       substring(rtrim(storage.get_common_prefix(m.name, $2, '/'), '/') from $3 + 1) as name,
			       null::uuid as id, null::timestamptz as updated_at, null::timestamptz as created_at,
			       null::timestamptz as last_accessed_at, null::jsonb as metadata
			from matched m
			where folder_key is not null
			order by folder_key collate "C", lower(m.name) collate "C" %1$s
		)
		select e.name, e.id, e.updated_at, e.created_at, e.last_accessed_at, e.metadata
		from (
			select * from folders
			union all
			select lower(m.name) collate "C", substring(m.name from $3 + 1), m.id, m.updated_at, m.created_at,
			       m.last_accessed_at, m.metadata
			from matched m
			where folder_key is null
		) e
		order by e.sort_key %1$s
		limit $4 offset $5
		$sql$, v_direction
	) using bucketname, v_prefix, v_prefix_len, v_limit, offsets;
end;
$func$;

create or replace function storage.update_updated_at_column()
	returns trigger
	language plpgsql
as $$
begin
	new.updated_at = now();
	return new;
end;
$$;

drop trigger if exists update_objects_updated_at on storage.objects;
create trigger update_objects_updated_at
	before update on storage.objects
	for each row execute function storage.update_updated_at_column();

create or replace function storage.enforce_bucket_name_length()
	returns trigger
	language plpgsql
as $$
begin
	if length(new.name) > 100 then
		raise exception 'bucket name "%" is too long (% characters). Max is 100.', new.name, length(new.name);
	end if;
	return new;
end;
$$;

drop trigger if exists enforce_bucket_name_length_trigger on storage.buckets;
create trigger enforce_bucket_name_length_trigger
	before insert or update of name on storage.buckets
	for each row execute function storage.enforce_bucket_name_length();

-- Rows of storage tables are removed through the Storage API, which also removes the files; a direct
-- DELETE would orphan them, so it is refused unless the API set storage.allow_delete_query.
create or replace function storage.protect_delete()
	returns trigger
	language plpgsql
as $$
begin
	if coalesce(current_setting('storage.allow_delete_query', true), 'false') != 'true' then
		raise exception 'Direct deletion from storage tables is not allowed. Use the Storage API instead.'
			using hint = 'This prevents accidental data loss from orphaned objects.',
			      errcode = '42501';
	end if;
	return null;
end;
$$;

drop trigger if exists protect_buckets_delete on storage.buckets;
create trigger protect_buckets_delete
	before delete on storage.buckets
	for each statement execute function storage.protect_delete();

drop trigger if exists protect_objects_delete on storage.objects;
create trigger protect_objects_delete
	before delete on storage.objects
	for each statement execute function storage.protect_delete();
