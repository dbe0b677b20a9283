import { randomUUID } from 'node:crypto';
import type { Queryable } from '../contracts.ts';
import { goTime } from './go-time.ts';

/** GoTrue keeps every user in this instance. */
export const INSTANCE_ID = '00000000-0000-0000-0000-000000000000';
/** The audience and default role of users (GOTRUE_JWT_AUD / DefaultGroupName). */
export const AUDIENCE = 'authenticated';

/** A row of auth.users (timestamps as PostgreSQL text in UTC). */
export interface UserRow {
	id: string;
	aud: string | null;
	role: string | null;
	email: string | null;
	encrypted_password: string | null;
	email_confirmed_at: string | null;
	invited_at: string | null;
	confirmation_token: string | null;
	confirmation_sent_at: string | null;
	recovery_token: string | null;
	recovery_sent_at: string | null;
	email_change_token_new: string | null;
	email_change: string | null;
	email_change_sent_at: string | null;
	email_change_token_current: string | null;
	email_change_confirm_status: number | null;
	last_sign_in_at: string | null;
	raw_app_meta_data: Record<string, unknown> | null;
	raw_user_meta_data: Record<string, unknown> | null;
	created_at: string | null;
	updated_at: string | null;
	phone: string | null;
	phone_confirmed_at: string | null;
	phone_change: string | null;
	phone_change_sent_at: string | null;
	confirmed_at: string | null;
	banned_until: string | null;
	reauthentication_sent_at: string | null;
	is_sso_user: boolean;
	deleted_at: string | null;
	is_anonymous: boolean;
	/** Computed by the queries here: banned_until is in the future. */
	is_banned: boolean;
}

/** A row of auth.identities. */
export interface IdentityRow {
	id: string;
	provider_id: string;
	user_id: string;
	identity_data: Record<string, unknown>;
	provider: string;
	last_sign_in_at: string | null;
	created_at: string | null;
	updated_at: string | null;
	email: string | null;
}

const USER_SELECT = `select u.*, coalesce(u.banned_until > now(), false) as is_banned from auth.users u`;

/** The user with `id`, or undefined. */
export async function findUserById(q: Queryable, id: string): Promise<UserRow | undefined> {
	const result = await q.query<UserRow>(`${USER_SELECT} where u.id = $1`, [id]);
	return result.rows[0];
}

/** The user with `id`, locked for the rest of the transaction. */
export async function lockUserById(q: Queryable, id: string): Promise<UserRow | undefined> {
	const result = await q.query<UserRow>(`${USER_SELECT} where u.id = $1 for update`, [id]);
	return result.rows[0];
}

/** The (non-SSO) user with this email in the audience, as GoTrue's FindUserByEmailAndAudience finds them. */
export async function findUserByEmail(
	q: Queryable,
	email: string,
	aud = AUDIENCE
): Promise<UserRow | undefined> {
	const result = await q.query<UserRow>(
		`${USER_SELECT} where u.instance_id = $1 and lower(u.email) = lower($2) and u.aud = $3 and u.is_sso_user = false`,
		[INSTANCE_ID, email, aud]
	);
	return result.rows[0];
}

/** The user with this phone in the audience. */
export async function findUserByPhone(
	q: Queryable,
	phone: string,
	aud = AUDIENCE
): Promise<UserRow | undefined> {
	const result = await q.query<UserRow>(
		`${USER_SELECT} where u.instance_id = $1 and u.phone = $2 and u.aud = $3`,
		[INSTANCE_ID, phone, aud]
	);
	return result.rows[0];
}

/**
 * Another user already holding `email` (GoTrue's IsDuplicatedEmail): a user with that email, or one whose
 * email identity carries it; `exceptUserId` is ignored.
 */
export async function findDuplicateEmailUser(
	q: Queryable,
	email: string,
	aud: string,
	exceptUserId?: string
): Promise<UserRow | undefined> {
	const result = await q.query<UserRow>(
		`${USER_SELECT}
		 where u.aud = $2 and u.is_sso_user = false and u.id is distinct from $3::uuid
		   and (lower(u.email) = lower($1)
		        or exists (select 1 from auth.identities i where i.user_id = u.id and i.provider = 'email' and i.email = lower($1)))
		 limit 1`,
		[email, aud, exceptUserId ?? null]
	);
	return result.rows[0];
}

/** Identities of a user, oldest first. */
export async function identitiesOf(q: Queryable, userId: string): Promise<IdentityRow[]> {
	const result = await q.query<IdentityRow>(
		'select * from auth.identities where user_id = $1 order by created_at, id',
		[userId]
	);
	return result.rows;
}

/** A JSON object with its keys sorted at every level, as Go's encoding/json prints maps. */
export function sortedKeys<T>(value: T): T {
	if (Array.isArray(value)) return value.map(sortedKeys) as T;
	if (value === null || typeof value !== 'object') return value;
	const sorted: Record<string, unknown> = {};
	for (const key of Object.keys(value).sort())
		sorted[key] = sortedKeys((value as Record<string, unknown>)[key]);
	return sorted as T;
}

/** The identity JSON GoTrue sends. */
export function identityJson(identity: IdentityRow): Record<string, unknown> {
	const json: Record<string, unknown> = {
		identity_id: identity.id,
		id: identity.provider_id,
		user_id: identity.user_id,
	};
	if (identity.identity_data !== null && Object.keys(identity.identity_data).length > 0) {
		json['identity_data'] = sortedKeys(identity.identity_data);
	}
	json['provider'] = identity.provider;
	const lastSignIn = goTime(identity.last_sign_in_at);
	if (lastSignIn !== null) json['last_sign_in_at'] = lastSignIn;
	json['created_at'] = goTime(identity.created_at);
	json['updated_at'] = goTime(identity.updated_at);
	if (identity.email !== null && identity.email !== '') json['email'] = identity.email;
	return json;
}

/**
 * The user JSON GoTrue sends (models.User), fields in its order, optional ones left out when empty.
 * `identities` is the list to embed (GoTrue sends `[]` in anti-enumeration answers).
 */
export function userJson(user: UserRow, identities: IdentityRow[]): Record<string, unknown> {
	const json: Record<string, unknown> = {
		id: user.id,
		aud: user.aud ?? '',
		role: user.role ?? '',
		email: user.email ?? '',
	};
	const optionalTime = (key: string, value: string | null): void => {
		const formatted = goTime(value);
		if (formatted !== null) json[key] = formatted;
	};
	optionalTime('email_confirmed_at', user.email_confirmed_at);
	optionalTime('invited_at', user.invited_at);
	json['phone'] = user.phone ?? '';
	optionalTime('phone_confirmed_at', user.phone_confirmed_at);
	optionalTime('confirmation_sent_at', user.confirmation_sent_at);
	optionalTime('confirmed_at', user.confirmed_at);
	optionalTime('recovery_sent_at', user.recovery_sent_at);
	if (user.email_change !== null && user.email_change !== '') json['new_email'] = user.email_change;
	optionalTime('email_change_sent_at', user.email_change_sent_at);
	if (user.phone_change !== null && user.phone_change !== '') json['new_phone'] = user.phone_change;
	optionalTime('phone_change_sent_at', user.phone_change_sent_at);
	optionalTime('reauthentication_sent_at', user.reauthentication_sent_at);
	optionalTime('last_sign_in_at', user.last_sign_in_at);
	json['app_metadata'] = sortedKeys(user.raw_app_meta_data ?? {});
	json['user_metadata'] = sortedKeys(user.raw_user_meta_data ?? {});
	json['identities'] = identities.map(identityJson);
	json['created_at'] = goTime(user.created_at);
	json['updated_at'] = goTime(user.updated_at);
	optionalTime('banned_until', user.banned_until);
	optionalTime('deleted_at', user.deleted_at);
	json['is_anonymous'] = user.is_anonymous;
	return json;
}

/** Loads identities and renders the user. */
export async function userResponseJson(
	q: Queryable,
	user: UserRow
): Promise<Record<string, unknown>> {
	return userJson(user, await identitiesOf(q, user.id));
}

/** What a new user starts with. */
export interface NewUser {
	id?: string;
	email?: string | undefined;
	phone?: string | undefined;
	encryptedPassword: string | null;
	userMetaData: Record<string, unknown>;
	appMetaData: Record<string, unknown>;
	role?: string;
	aud?: string;
	isAnonymous?: boolean;
}

/** Inserts a user (GoTrue's signupNewUser: role `authenticated` unless given) and returns the row. */
export async function insertUser(q: Queryable, user: NewUser): Promise<UserRow> {
	const result = await q.query<{ id: string }>(
		`insert into auth.users (instance_id, id, aud, role, email, phone, encrypted_password, raw_app_meta_data,
		                         raw_user_meta_data, created_at, updated_at, is_anonymous, is_sso_user,
		                         confirmation_token, recovery_token, email_change_token_new, email_change)
		 values ($1, $2, $3, $4, nullif($5, ''), nullif($6, ''), $7, $8::jsonb, $9::jsonb, now(), now(), $10, false,
		         '', '', '', '')
		 returning id`,
		[
			INSTANCE_ID,
			user.id ?? randomUUID(),
			user.aud ?? AUDIENCE,
			user.role ?? AUDIENCE,
			user.email?.toLowerCase() ?? '',
			user.phone ?? '',
			user.encryptedPassword,
			JSON.stringify(user.appMetaData),
			JSON.stringify(user.userMetaData),
			user.isAnonymous ?? false,
		]
	);
	const id = result.rows[0]?.id as string;
	return (await findUserById(q, id)) as UserRow;
}

/** Creates an identity for the user (provider id = `identityData.sub`). */
export async function insertIdentity(
	q: Queryable,
	userId: string,
	provider: string,
	identityData: Record<string, unknown>
): Promise<void> {
	const data = { ...identityData };
	if (typeof data['email'] === 'string') data['email'] = data['email'].toLowerCase();
	await q.query(
		`insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
		 values ($1, $2, $3::jsonb, $4, now(), now(), now())`,
		[String(data['sub'] ?? userId), userId, JSON.stringify(data), provider]
	);
}

/** Merges `updates` into an identity's data (null deletes a key). */
export async function updateIdentityData(
	q: Queryable,
	userId: string,
	provider: string,
	updates: Record<string, unknown>
): Promise<boolean> {
	const result = await q.query(
		`update auth.identities
		 set identity_data = (select coalesce(jsonb_object_agg(key, value), '{}'::jsonb)
		                      from jsonb_each(identity_data || $3::jsonb) where value <> 'null'::jsonb),
		     updated_at = now()
		 where user_id = $1 and provider = $2`,
		[userId, provider, JSON.stringify(updates)]
	);
	return result.affectedRows > 0;
}

/** Shallow-merges `updates` into a metadata object the way GoTrue does: keys overwrite, null deletes. */
export function mergeMetadata(
	current: Record<string, unknown> | null,
	updates: Record<string, unknown>
): Record<string, unknown> {
	const merged: Record<string, unknown> = { ...current };
	for (const [key, value] of Object.entries(updates)) {
		if (value === null) delete merged[key];
		else merged[key] = value;
	}
	return merged;
}

/** Sets columns of a user (and updated_at), values as SQL parameters; `raw` entries are SQL expressions. */
export async function updateUser(
	q: Queryable,
	userId: string,
	values: Record<string, unknown>,
	raw: Record<string, string> = {}
): Promise<void> {
	const assignments: string[] = [];
	const params: unknown[] = [userId];
	for (const [column, value] of Object.entries(values)) {
		params.push(
			column.startsWith('raw_') && value !== null && typeof value === 'object'
				? JSON.stringify(value)
				: value
		);
		assignments.push(`${column} = $${params.length}${column.startsWith('raw_') ? '::jsonb' : ''}`);
	}
	for (const [column, expression] of Object.entries(raw))
		assignments.push(`${column} = ${expression}`);
	assignments.push('updated_at = now()');
	await q.query(`update auth.users set ${assignments.join(', ')} where id = $1`, params);
}
