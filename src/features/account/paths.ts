/** Locale-independent paths of the account pages; `localePath()` turns them into URLs. */
export const ACCOUNT_PATHS = {
	/** Email, password, your data, deleting your account. */
	settings: '/account/settings',
	/** Change the email address. */
	email: '/account/email',
	/** Where email-change links lead. */
	emailConfirm: '/account/email/confirm',
	/** Delete the account, with a typed confirmation. */
	delete: '/account/delete',
	/** Shown once the account is gone. */
	deleted: '/account/deleted',
	/** POST: the download of all your data (not localised: it is a file). */
	export: '/account/export',
} as const;
