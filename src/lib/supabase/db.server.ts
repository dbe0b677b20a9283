import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from './database.types.ts';

/** The visitor's Supabase client, typed with the database's tables and functions. */
export type Db = SupabaseClient<Database>;

/** `locals.supabase` with the database's types. Row-level security still decides every read and write. */
export function typedDb(client: SupabaseClient): Db {
	return client as unknown as Db;
}
