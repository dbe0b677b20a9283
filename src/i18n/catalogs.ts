import site from './messages/index.ts';
import auth from '../features/auth/messages/index.ts';
import devMailbox from '../features/dev-mailbox/messages/index.ts';

/**
 * Every bundle of UI strings: the site's own and one per feature, so each feature owns its strings
 * (src/features/<feature>/messages/<locale>.json). A key belongs to exactly one bundle; both that
 * and parity across locales are enforced by `translate.test.ts`. Add a feature's bundle here.
 */
export const BUNDLES = { site, auth, devMailbox };
