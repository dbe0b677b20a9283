/**
 * What the demo seed is made of, shared by its modules: people (accounts with profiles), organisations,
 * files for the storage buckets, and the contract every module follows. Modules run in order: each adds to the
 * data in `build` (and may read what earlier modules added), then each writes its part of seed.sql in `sql`,
 * once every module has built, so a later module's people still get accounts.
 */
import type { Canvas, PortraitTraits } from './images.ts';
import type { Random } from './random.ts';
import type { SqlValue } from './sql.ts';

/** The one password of every demo account (it passes the backend's policy: 8+ characters, not a common one). */
export const DEMO_PASSWORD = 'okaeri-demo-2026';

/** The seed of every generator: change it and the whole demo changes. */
export const SEED = 20_261_121;

/** One of the logins the README lists, one per kind of member. */
export type DemoLogin = 'returnee' | 'mentor' | 'in_japan' | 'sme' | 'support' | 'staff';

/** A person: an account (auth.users + identity) with a profile. */
export interface SeedPerson {
	id: string;
	/** Sign-in email. */
	email: string;
	/** ISO timestamp the account was made. */
	createdAt: string;
	displayName: string;
	/** Columns of public.profiles other than id, display_name, created_at and avatar_path. */
	profile: Record<string, SqlValue>;
	/** How their portrait looks; no avatar when undefined. */
	portrait: PortraitTraits | undefined;
	/** Works the verification queue. */
	staff: boolean;
	/** Listed in the README as the demo login of this kind. */
	demoLogin?: DemoLogin;
}

/** A membership of a person in an organisation. */
export interface SeedMembership {
	userId: string;
	role: 'owner' | 'member';
	title: string | null;
	/** ISO timestamp they joined. */
	joinedAt: string;
}

/** An organisation with its members (the first owner is its creator). */
export interface SeedOrganisation {
	id: string;
	/** Columns of public.organisations other than id, created_by, created_at, verified, verified_at and logo_path. */
	columns: Record<string, SqlValue>;
	name: string;
	kind: string;
	createdAt: string;
	members: SeedMembership[];
	/** Where its verification stands: verified, asked for (pending), refused (rejected) or never asked. */
	verification: 'verified' | 'pending' | 'rejected' | 'none';
	/** When staff verified it (set by the verification module). */
	verifiedAt: string | undefined;
	hasLogo: boolean;
}

/** A file for a storage bucket: `supabase/buckets/<bucket>/<path>`, drawn when the seed is generated. */
export interface SeedFile {
	bucket: string;
	path: string;
	draw: () => Canvas;
}

/** Everything the modules have built so far. */
export interface SeedData {
	people: SeedPerson[];
	organisations: SeedOrganisation[];
	files: SeedFile[];
}

/** One domain of the demo (people, organisations, verification, …). */
export interface SeedModule {
	/** Names the module's random stream too: a new module never changes what the others generate. */
	name: string;
	/** Adds this domain's rows to `data`, drawing from `random`. */
	build(data: SeedData, random: Random): void;
	/** This domain's SQL, after every module has built. */
	sql(data: SeedData): string;
}

/** A version-4-shaped UUID from the generator. */
export function uuid(random: Random): string {
	const hex = Array.from({ length: 32 }, () => random.int(0, 15).toString(16));
	hex[12] = '4';
	hex[16] = (8 + random.int(0, 3)).toString(16);
	const s = hex.join('');
	return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const DAY = 86_400_000;

/** An ISO timestamp between `from` and `to` (dates, `YYYY-MM-DD`), at a working hour. */
export function timestampBetween(random: Random, from: string, to: string): string {
	const start = Date.parse(`${from}T00:00:00Z`);
	const days = Math.round((Date.parse(`${to}T00:00:00Z`) - start) / DAY);
	const at = start + random.int(0, days) * DAY + random.int(6 * 60, 20 * 60) * 60_000;
	return new Date(at).toISOString();
}

/** `iso` plus a number of days (and a few hours), as an ISO timestamp. */
export function later(random: Random, iso: string, minDays: number, maxDays: number): string {
	const at = Date.parse(iso) + random.int(minDays, maxDays) * DAY + random.int(1, 8) * 3_600_000;
	return new Date(at).toISOString();
}

/** An address-safe ASCII form of a name: `Nguyễn Thị Lan` → `nguyen.thi.lan`. */
export function emailLocalPart(name: string): string {
	return name
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/đ/gi, 'd')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '.')
		.replace(/^\.|\.$/g, '');
}
