import { auth } from '~/features/auth/server/actions.ts';
import { profiles } from '~/features/profiles/server/actions.ts';
import { onboarding } from '~/features/onboarding/server/actions.ts';
import { account } from '~/features/account/server/actions.ts';
import { organisations } from '~/features/organisations/server/actions.ts';
import { verification } from '~/features/verification/server/actions.ts';
import { mentoring } from '~/features/mentoring/server/actions.ts';
import { moderation } from '~/features/moderation/server/actions.ts';
import { ventures } from '~/features/ventures/server/actions.ts';

export const server = {
	auth,
	profiles,
	onboarding,
	account,
	organisations,
	verification,
	mentoring,
	moderation,
	ventures,
};
