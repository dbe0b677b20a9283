import { randomBytes } from 'node:crypto';
import type { Queryable } from '../contracts.ts';
import { requireAdmin } from './authenticate.ts';
import type { AuthContext } from './context.ts';
import { actionLink, sendInvite } from './emails.ts';
import {
	AuthError,
	badRequest,
	internal,
	jsonResponse,
	notFound,
	unprocessable,
} from './errors.ts';
import { generateOtp, storeOneTimeToken, tokenHash } from './one-time-tokens.ts';
import { checkPasswordStrength, hashPassword, isBcryptHash } from './passwords.ts';
import { isRedirectAllowed, referrer } from './redirects.ts';
import { type Params, readOptionalParams, readParams } from './request.ts';
import { logout } from './sessions.ts';
import { confirmEmail, emailIdentityData } from './signup.ts';
import {
	AUDIENCE,
	findDuplicateEmailUser,
	findUserByEmail,
	findUserById,
	identitiesOf,
	insertIdentity,
	insertUser,
	mergeMetadata,
	type UserRow,
	updateIdentityData,
	updateUser,
	userJson,
	userResponseJson,
} from './users.ts';
import { validateEmail } from './validation.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_PER_PAGE = 50;

/** Go's time.ParseDuration for the forms `ban_duration` takes (`24h`, `1h30m`, `90s`, `1.5h`). */
function parseGoDuration(text: string): number {
	const unit: Record<string, number> = {
		ns: 1e-6,
		us: 1e-3,
		µs: 1e-3,
		ms: 1,
		s: 1000,
		m: 60_000,
		h: 3_600_000,
	};
	const match = /^([+-]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/.exec(text);
	if (match === null)
		throw badRequest(
			'validation_failed',
			`invalid format for ban duration: time: invalid duration "${text}"`
		);
	let total = 0;
	for (const part of text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g))
		total += Number(part[1]) * (unit[part[2] ?? 's'] ?? 0);
	return match[1] === '-' ? -total : total;
}

function randomPassword(): string {
	return randomBytes(48).toString('base64url').slice(0, 64);
}

async function loadUser(q: Queryable, id: string): Promise<UserRow> {
	if (!UUID.test(id)) throw notFound('validation_failed', 'user_id must be an UUID');
	const user = await findUserById(q, id);
	if (user === undefined) throw notFound('user_not_found', 'User not found');
	return user;
}

/** The GoTrue `Link` pagination header (page first in each query, as supabase-js parses it). */
function paginationHeaders(
	request: Request,
	page: number,
	perPage: number,
	total: number
): Record<string, string> {
	const totalPages = Math.ceil(total / perPage);
	const url = new URL(request.url);
	const path = url.pathname.replace(/^\/auth\/v1/, '');
	const linkFor = (target: number): string => {
		const query = new URLSearchParams(url.search);
		query.set('page', String(target));
		const sorted = [...query.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `<${path}?${new URLSearchParams(sorted).toString()}>`;
	};
	let link = '';
	if (totalPages > page) link += `${linkFor(page + 1)}; rel="next", `;
	link += `${linkFor(totalPages)}; rel="last"`;
	return { Link: link, 'X-Total-Count': String(total) };
}

function parsePageParam(value: string | null, fallback: number): number {
	if (value === null || value === '') return fallback;
	if (!/^\d+$/.test(value)) {
		throw badRequest(
			'validation_failed',
			`Bad Pagination Parameters: strconv.ParseUint: parsing "${value}": invalid syntax`
		);
	}
	return Number(value);
}

async function listUsers(ctx: AuthContext, request: Request): Promise<Response> {
	const url = new URL(request.url);
	const page = parsePageParam(url.searchParams.get('page'), 1);
	const perPage = parsePageParam(url.searchParams.get('per_page'), DEFAULT_PER_PAGE);
	const filter = url.searchParams.get('filter') ?? '';
	const like = `%${filter}%`;
	const where = `instance_id = '00000000-0000-0000-0000-000000000000' and aud = $1
	  and ($2 = '' or email like $3 or raw_user_meta_data->>'full_name' ilike $3)`;
	const total = await ctx.db.query<{ count: string }>(
		`select count(*) from auth.users where ${where}`,
		[AUDIENCE, filter, like]
	);
	const count = Number(total.rows[0]?.count ?? 0);
	const users = await ctx.db.query<UserRow>(
		`select u.*, coalesce(u.banned_until > now(), false) as is_banned from auth.users u where ${where}
		 order by created_at desc, id limit $4 offset $5`,
		[AUDIENCE, filter, like, perPage, Math.max(0, page - 1) * perPage]
	);
	const identities = await ctx.db.query<{ user_id: string } & Record<string, unknown>>(
		'select * from auth.identities where user_id = any($1::uuid[]) order by created_at, id',
		[users.rows.map((user) => user.id)]
	);
	const byUser = new Map<string, never[]>();
	for (const identity of identities.rows) {
		const list = byUser.get(identity.user_id) ?? [];
		list.push(identity as never);
		byUser.set(identity.user_id, list);
	}
	return jsonResponse(
		{ users: users.rows.map((user) => userJson(user, byUser.get(user.id) ?? [])), aud: AUDIENCE },
		200,
		paginationHeaders(request, page, perPage, count)
	);
}

interface AdminUserParams {
	id: string;
	aud: string;
	role: string;
	email: string;
	phone: string;
	password: string | undefined;
	passwordHash: string;
	emailConfirm: boolean;
	phoneConfirm: boolean;
	userMetadata: Record<string, unknown> | undefined;
	appMetadata: Record<string, unknown> | undefined;
	banDuration: string;
}

function adminParams(params: Params): AdminUserParams {
	return {
		id: params.string('id'),
		aud: params.string('aud'),
		role: params.string('role'),
		email: params.string('email'),
		phone: params.string('phone'),
		password: params.optionalString('password'),
		passwordHash: params.string('password_hash'),
		emailConfirm: params.boolean('email_confirm'),
		phoneConfirm: params.boolean('phone_confirm'),
		userMetadata: params.object('user_metadata'),
		appMetadata: params.object('app_metadata'),
		banDuration: params.string('ban_duration'),
	};
}

function banUntil(duration: string): string | null | undefined {
	if (duration === '') return undefined;
	if (duration === 'none') return null;
	const millis = parseGoDuration(duration);
	return millis === 0 ? null : new Date(Date.now() + millis).toISOString();
}

async function createUser(ctx: AuthContext, request: Request): Promise<Response> {
	const p = adminParams(await readParams(request, 'AdminUserParams'));
	const aud = p.aud === '' ? AUDIENCE : p.aud;
	if (p.email === '' && p.phone === '')
		throw badRequest('validation_failed', 'Cannot create a user without either an email or phone');
	if (p.phone !== '')
		throw badRequest(
			'phone_provider_disabled',
			'Creating users with a phone number is not supported: phone sign-in is disabled'
		);
	const email = validateEmail(p.email);
	if ((await findDuplicateEmailUser(ctx.db, email, aud)) !== undefined) {
		throw unprocessable(
			'email_exists',
			'A user with this email address has already been registered'
		);
	}
	if (p.password !== undefined && p.passwordHash !== '') {
		throw badRequest('validation_failed', 'Only a password or a password hash should be provided');
	}
	if (p.passwordHash !== '' && !isBcryptHash(p.passwordHash)) {
		throw badRequest(
			'validation_failed',
			'password_hash must be a bcrypt hash (argon2 and Firebase scrypt hashes are not supported)'
		);
	}
	const password = p.password === undefined || p.password === '' ? randomPassword() : p.password;
	if (Buffer.byteLength(password, 'utf8') > 72)
		throw badRequest('validation_failed', 'bcrypt: password length exceeds 72 bytes');
	if (p.id !== '' && !UUID.test(p.id))
		throw badRequest('validation_failed', 'ID must conform to the uuid v4 format');
	if (p.id === '00000000-0000-0000-0000-000000000000')
		throw badRequest('validation_failed', 'ID cannot be a nil uuid');
	const bannedUntil = banUntil(p.banDuration);
	const encrypted = p.passwordHash !== '' ? p.passwordHash : await hashPassword(password);
	try {
		const user = await ctx.db.transaction(async (tx) => {
			const created = await insertUser(tx, {
				...(p.id === '' ? {} : { id: p.id }),
				email,
				encryptedPassword: encrypted,
				userMetaData: p.userMetadata ?? {},
				appMetaData: { provider: 'email', providers: ['email'] },
				role: p.role === '' ? AUDIENCE : p.role,
				aud,
			});
			await insertIdentity(tx, created.id, 'email', {
				sub: created.id,
				email,
				email_verified: false,
				phone_verified: false,
			});
			if (p.appMetadata !== undefined) {
				await updateUser(tx, created.id, {
					raw_app_meta_data: mergeMetadata(created.raw_app_meta_data, p.appMetadata),
				});
			}
			if (p.emailConfirm) await confirmEmail(tx, (await findUserById(tx, created.id)) as UserRow);
			if (bannedUntil !== undefined)
				await updateUser(tx, created.id, { banned_until: bannedUntil });
			return userResponseJson(tx, (await findUserById(tx, created.id)) as UserRow);
		});
		return jsonResponse(user);
	} catch (error) {
		if (error instanceof AuthError) throw error;
		console.error('[auth] admin create user failed:', error);
		throw internal('Database error creating new user');
	}
}

async function updateUserById(ctx: AuthContext, request: Request, id: string): Promise<Response> {
	const existing = await loadUser(ctx.db, id);
	const p = adminParams(await readParams(request, 'AdminUserParams'));
	const email = p.email === '' ? '' : validateEmail(p.email);
	if (p.phone !== '')
		throw badRequest(
			'phone_provider_disabled',
			'Setting a phone number is not supported: phone sign-in is disabled'
		);
	const bannedUntil = banUntil(p.banDuration);
	let encrypted: string | null | undefined;
	if (p.password !== undefined) {
		checkPasswordStrength(p.password, ctx.config.passwordMinLength);
		encrypted = p.password === '' ? null : await hashPassword(p.password);
	}
	if (
		email !== '' &&
		email !== existing.email &&
		(await findDuplicateEmailUser(ctx.db, email, AUDIENCE, existing.id)) !== undefined
	) {
		throw unprocessable(
			'email_exists',
			'A user with this email address has already been registered'
		);
	}
	try {
		const user = await ctx.db.transaction(async (tx) => {
			if (p.role !== '') await updateUser(tx, id, { role: p.role.trim() });
			if (p.emailConfirm) await confirmEmail(tx, (await findUserById(tx, id)) as UserRow);
			if (encrypted !== undefined) {
				await updateUser(tx, id, {
					encrypted_password: encrypted,
					confirmation_token: '',
					recovery_token: '',
				});
				await logout(tx, id, 'global', undefined);
			}
			if (email !== '') {
				const identities = await identitiesOf(tx, id);
				if (identities.some((identity) => identity.provider === 'email')) {
					await updateIdentityData(tx, id, 'email', { email, email_verified: p.emailConfirm });
				} else {
					await insertIdentity(tx, id, 'email', {
						sub: id,
						email,
						email_verified: p.emailConfirm,
						phone_verified: false,
					});
				}
				const current = (await findUserById(tx, id)) as UserRow;
				await updateUser(tx, id, {
					email,
					...(current.is_anonymous && p.emailConfirm ? { is_anonymous: false } : {}),
				});
			}
			if (p.appMetadata !== undefined) {
				const current = (await findUserById(tx, id)) as UserRow;
				await updateUser(tx, id, {
					raw_app_meta_data: mergeMetadata(current.raw_app_meta_data, p.appMetadata),
				});
			}
			if (p.userMetadata !== undefined) {
				const current = (await findUserById(tx, id)) as UserRow;
				await updateUser(tx, id, {
					raw_user_meta_data: mergeMetadata(current.raw_user_meta_data, p.userMetadata),
				});
			}
			if (bannedUntil !== undefined) await updateUser(tx, id, { banned_until: bannedUntil });
			return userResponseJson(tx, (await findUserById(tx, id)) as UserRow);
		});
		return jsonResponse(user);
	} catch (error) {
		if (error instanceof AuthError) throw error;
		console.error('[auth] admin update user failed:', error);
		throw internal('Error updating user');
	}
}

async function deleteUserById(ctx: AuthContext, request: Request, id: string): Promise<Response> {
	const user = await loadUser(ctx.db, id);
	const params = await readOptionalParams(request, 'adminUserDeleteParams');
	const soft = params.boolean('should_soft_delete');
	await ctx.db.transaction(async (tx) => {
		if (!soft) {
			await tx.query('delete from auth.users where id = $1', [id]);
			return;
		}
		if (user.deleted_at !== null) return;
		const obfuscate = (value: string | null): string | null =>
			value === null || value === ''
				? value
				: `${tokenHash(user.id, value)}@deleted.invalid`.slice(0, 255);
		await updateUser(
			tx,
			id,
			{
				email: obfuscate(user.email),
				phone: null,
				encrypted_password: null,
				email_change: '',
				confirmation_token: '',
				recovery_token: '',
				email_change_token_current: '',
				email_change_token_new: '',
				raw_user_meta_data: {},
				raw_app_meta_data: {},
			},
			{ deleted_at: 'now()' }
		);
		await tx.query(
			`update auth.identities set provider_id = $2 || ':' || provider_id,
			        identity_data = jsonb_build_object('sub', identity_data->>'sub'), updated_at = now()
			 where user_id = $1`,
			[id, tokenHash(id, 'identity')]
		);
		await tx.query('delete from auth.one_time_tokens where user_id = $1', [id]);
		await tx.query('delete from auth.mfa_factors where user_id = $1', [id]);
		await logout(tx, id, 'global', undefined);
	});
	return jsonResponse({});
}

const LINK_TYPES = new Set([
	'signup',
	'invite',
	'magiclink',
	'recovery',
	'email_change_current',
	'email_change_new',
]);

async function generateLink(ctx: AuthContext, request: Request): Promise<Response> {
	const params = await readParams(request, 'GenerateLinkParams');
	let type = params.string('type');
	const email = validateEmail(params.string('email'));
	let password = params.string('password');
	const data = params.object('data') ?? {};
	const newEmailParam = params.string('new_email');
	const redirectParam = params.string('redirect_to');
	let redirectTo = referrer(request, ctx.config);
	if (isRedirectAllowed(ctx.config, redirectParam)) redirectTo = redirectParam;
	if (!LINK_TYPES.has(type))
		throw badRequest('validation_failed', `Invalid email action link type requested: ${type}`);

	let user = await findUserByEmail(ctx.db, email);
	if (user === undefined) {
		if (type === 'magiclink') {
			type = 'signup';
			password = randomPassword();
		} else if (
			type === 'recovery' ||
			type === 'email_change_current' ||
			type === 'email_change_new'
		) {
			throw notFound('user_not_found', 'User with this email not found');
		}
	}
	if (type === 'signup' && user === undefined) {
		if (password === '') throw badRequest('validation_failed', 'Signup requires a valid password');
		checkPasswordStrength(password, ctx.config.passwordMinLength);
	}
	const encrypted = type === 'signup' && user === undefined ? await hashPassword(password) : null;
	const otp = generateOtp();
	const hashed = tokenHash(email, otp);
	let newEmail = '';
	if (type === 'email_change_current' || type === 'email_change_new') {
		newEmail = validateEmail(newEmailParam);
		if ((await findDuplicateEmailUser(ctx.db, newEmail, AUDIENCE, user?.id)) !== undefined) {
			throw unprocessable(
				'email_exists',
				'A user with this email address has already been registered'
			);
		}
	}

	const result = await ctx.db.transaction(async (tx) => {
		let token = hashed;
		switch (type) {
			case 'magiclink':
			case 'recovery': {
				const target = user as UserRow;
				await updateUser(tx, target.id, { recovery_token: hashed }, { recovery_sent_at: 'now()' });
				await storeOneTimeToken(tx, target.id, 'recovery_token', hashed, email);
				break;
			}
			case 'invite':
			case 'signup': {
				if (user !== undefined && user.email_confirmed_at !== null) {
					throw unprocessable(
						'email_exists',
						'A user with this email address has already been registered'
					);
				}
				if (user === undefined) {
					user = await insertUser(tx, {
						email,
						encryptedPassword: type === 'signup' ? encrypted : null,
						userMetaData: data,
						appMetaData: { provider: 'email', providers: ['email'] },
					});
					await insertIdentity(tx, user.id, 'email', emailIdentityData(user.id, email, {}));
				} else if (type === 'signup') {
					await updateUser(tx, user.id, {
						raw_user_meta_data: mergeMetadata(user.raw_user_meta_data, data),
					});
				}
				await updateUser(
					tx,
					user.id,
					{ confirmation_token: hashed },
					type === 'invite'
						? { confirmation_sent_at: 'now()', invited_at: 'now()' }
						: { confirmation_sent_at: 'now()' }
				);
				await storeOneTimeToken(tx, user.id, 'confirmation_token', hashed, email);
				break;
			}
			default: {
				const target = user as UserRow;
				const values: Record<string, unknown> = {
					email_change: newEmail,
					email_change_confirm_status: 0,
				};
				if (type === 'email_change_current') values['email_change_token_current'] = hashed;
				else {
					token = tokenHash(newEmail, otp);
					values['email_change_token_new'] = token;
				}
				await updateUser(tx, target.id, values, { email_change_sent_at: 'now()' });
				if (type === 'email_change_current')
					await storeOneTimeToken(tx, target.id, 'email_change_token_current', hashed, email);
				else await storeOneTimeToken(tx, target.id, 'email_change_token_new', token, newEmail);
			}
		}
		const linkType = type.startsWith('email_change') ? 'email_change' : type;
		const fresh = (await findUserById(tx, (user as UserRow).id)) as UserRow;
		return {
			...userJson(fresh, await identitiesOf(tx, fresh.id)),
			action_link: actionLink(
				ctx,
				type === 'email_change_new' ? token : hashed,
				linkType,
				redirectTo
			),
			email_otp: otp,
			hashed_token: hashed,
			verification_type: type,
			redirect_to: redirectTo,
		};
	});
	return jsonResponse(result);
}

async function invite(ctx: AuthContext, request: Request): Promise<Response> {
	const params = await readParams(request, 'InviteParams');
	const email = validateEmail(params.string('email'));
	const data = params.object('data') ?? {};
	const redirectTo = referrer(request, ctx.config);
	const user = await ctx.db.transaction(async (tx) => {
		let target = await findUserByEmail(tx, email);
		if (target !== undefined && target.email_confirmed_at !== null) {
			throw unprocessable(
				'email_exists',
				'A user with this email address has already been registered'
			);
		}
		if (target === undefined) {
			target = await insertUser(tx, {
				email,
				encryptedPassword: null,
				userMetaData: data,
				appMetaData: { provider: 'email', providers: ['email'] },
			});
			await insertIdentity(tx, target.id, 'email', emailIdentityData(target.id, email, {}));
		}
		await sendInvite(tx, ctx, target, redirectTo);
		return userResponseJson(tx, (await findUserById(tx, target.id)) as UserRow);
	});
	return jsonResponse(user);
}

/** The admin API under /admin (and /invite): every route needs a service_role (or supabase_admin) bearer. */
export async function admin(ctx: AuthContext, request: Request, path: string): Promise<Response> {
	await requireAdmin(request, ctx.db, ctx.config);
	const method = request.method;
	if (path === '/invite' && method === 'POST') return invite(ctx, request);
	if (path === '/admin/users' && method === 'GET') return listUsers(ctx, request);
	if (path === '/admin/users' && method === 'POST') return createUser(ctx, request);
	if (path === '/admin/generate_link' && method === 'POST') return generateLink(ctx, request);
	const one = /^\/admin\/users\/([^/]+)$/.exec(path);
	if (one !== null) {
		const id = decodeURIComponent(one[1] ?? '');
		if (method === 'GET')
			return jsonResponse(await userResponseJson(ctx.db, await loadUser(ctx.db, id)));
		if (method === 'PUT') return updateUserById(ctx, request, id);
		if (method === 'DELETE') return deleteUserById(ctx, request, id);
	}
	const factors = /^\/admin\/users\/([^/]+)\/factors(?:\/[^/]+)?$/.exec(path);
	if (factors !== null) {
		await loadUser(ctx.db, decodeURIComponent(factors[1] ?? ''));
		if (method === 'GET' && path.endsWith('/factors')) return jsonResponse([]);
		throw badRequest(
			'mfa_factor_not_found',
			'Factor not found: multi-factor authentication is not supported by the embedded backend'
		);
	}
	throw notFound(
		'not_found',
		`Admin route ${method} ${path} is not supported by the embedded backend`
	);
}
