import { auth } from '~/features/auth/server/actions.ts';

export const server = { auth };
