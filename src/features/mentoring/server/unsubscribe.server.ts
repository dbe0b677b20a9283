import type { PageContext } from '~/features/organisations/server/pages.server.ts';
import type { UnsubscribeKind } from '../options.ts';
import { UnsubscribeSchema } from '../schemas/preferences.schema.ts';

/** What the unsubscribe page shows. */
export interface UnsubscribePageData {
	kind: UnsubscribeKind;
	state: 'ask' | 'done' | 'invalid' | 'unavailable';
	token: string;
}

/**
 * The one-click unsubscribe page, `/unsubscribe/<token>?kind=…`: a GET asks (so link scanners
 * that open every link unsubscribe nobody), a POST unsubscribes (RFC 8058: the same address as
 * the `List-Unsubscribe` header, posted with `List-Unsubscribe=One-Click`). No sign-in: the
 * token in the link is the permission. An unknown token or kind says so (404), nothing changes.
 */
export async function unsubscribePageData(
	context: PageContext & { request: Request }
): Promise<UnsubscribePageData> {
	const token = context.params.token ?? '';
	const parsed = UnsubscribeSchema.safeParse({
		token,
		kind: context.url.searchParams.get('kind') ?? undefined,
	});
	if (!parsed.success) {
		context.response.status = 404;
		return { kind: 'all', state: 'invalid', token };
	}
	const { kind } = parsed.data;
	if (context.request.method !== 'POST') return { kind, state: 'ask', token };
	try {
		const { data, error } = await context.locals.supabase.rpc('unsubscribe', {
			p_token: parsed.data.token,
			p_kind: kind,
		});
		if (error) {
			if (error.code === 'P0002' || /not_found/.test(error.message)) {
				context.response.status = 404;
				return { kind, state: 'invalid', token };
			}
			console.error('[mentoring] unsubscribe failed:', error);
			context.response.status = 503;
			return { kind, state: 'unavailable', token };
		}
		if (data === false) {
			context.response.status = 404;
			return { kind, state: 'invalid', token };
		}
		return { kind, state: 'done', token };
	} catch (error) {
		console.error('[mentoring] unsubscribe failed:', error);
		context.response.status = 503;
		return { kind, state: 'unavailable', token };
	}
}
