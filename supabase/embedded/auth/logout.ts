import { requireUser } from './authenticate.ts';
import type { AuthContext } from './context.ts';
import { badRequest } from './errors.ts';
import { logout } from './sessions.ts';

/** POST /logout?scope=global|local|others (GoTrue's Logout): ends sessions, answers 204 with no body. */
export async function logoutUser(ctx: AuthContext, request: Request): Promise<Response> {
	const raw = new URL(request.url).searchParams.get('scope') ?? '';
	const scope = raw === '' ? 'global' : raw;
	if (scope !== 'global' && scope !== 'local' && scope !== 'others') {
		throw badRequest('validation_failed', `Unsupported logout scope "${raw}"`);
	}
	await ctx.db.transaction(async (tx) => {
		const { user, sessionId } = await requireUser(request, tx, ctx.config);
		await logout(tx, user.id, sessionId === undefined ? 'global' : scope, sessionId);
	});
	return new Response(null, { status: 204 });
}
