import type { APIContext } from 'astro';
import { signInUrl } from '~/features/auth/paths.ts';
import { isLocale, localePath, type Locale } from '~/i18n/locales.ts';
import { ACCOUNT_PATHS } from '../paths.ts';
import { buildExport, exportFileName } from './export.server.ts';
import { clientAddress } from '~/features/audit/server/client-address.server.ts';
import { recordSecurityEvent } from '~/features/audit/server/record.server.ts';

/**
 * POST /account/export: the signed-in person's data as a JSON download. A POST (from the button on
 * the settings page, which Astro's origin check guards) so that no link, prefetch or crawler
 * starts it. Signed out: to sign-in; a failure: back to the settings page, which says so.
 */
export async function exportResponse(context: APIContext): Promise<Response> {
	const form = await context.request.formData().catch(() => null);
	const posted = form?.get('locale');
	const locale: Locale = isLocale(posted) ? posted : context.locals.locale;
	const settings = localePath(locale, ACCOUNT_PATHS.settings);
	if (!context.locals.user) return context.redirect(signInUrl(locale, settings), 303);
	try {
		const data = await buildExport(context.locals.supabase);
		const userId = context.locals.user.sub;
		await recordSecurityEvent({
			action: 'account.exported',
			actorId: userId,
			subjectUserId: userId,
			ip: clientAddress(context),
		});
		return new Response(JSON.stringify(data, null, 2), {
			headers: {
				'content-type': 'application/json; charset=utf-8',
				'content-disposition': `attachment; filename="${exportFileName(new Date())}"`,
				'cache-control': 'private, no-store',
				'x-content-type-options': 'nosniff',
			},
		});
	} catch (error) {
		console.error('[account] export failed:', error);
		return context.redirect(`${settings}?export=failed`, 303);
	}
}
