import site from './messages/index.ts';
import auth from '../features/auth/messages/index.ts';
import devMailbox from '../features/dev-mailbox/messages/index.ts';
import profiles from '../features/profiles/messages/index.ts';
import onboarding from '../features/onboarding/messages/index.ts';
import account from '../features/account/messages/index.ts';
import directory from '../features/directory/messages/index.ts';
import organisations from '../features/organisations/messages/index.ts';
import verification from '../features/verification/messages/index.ts';
import mentoring from '../features/mentoring/messages/index.ts';
import moderation from '../features/moderation/messages/index.ts';
import ventures from '../features/ventures/messages/index.ts';
import outage from '../features/outage/messages/index.ts';
import audit from '../features/audit/messages/index.ts';

/**
 * Every bundle of UI strings: the site's own and one per feature, so each feature owns its strings
 * (src/features/<feature>/messages/<locale>.json). A key belongs to exactly one bundle; both that
 * and parity across locales are enforced by `translate.test.ts`. Add a feature's bundle here.
 */
export const BUNDLES = {
	site,
	auth,
	devMailbox,
	profiles,
	onboarding,
	account,
	directory,
	organisations,
	verification,
	mentoring,
	moderation,
	ventures,
	outage,
	audit,
};
