import { z } from 'astro/zod';
import { IMAGE_TYPES, firstChosenFile } from '~/lib/file-type.ts';

/** Largest avatar upload in bytes (the `avatars` bucket's limit too). */
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;

/** Most pixels an uploaded avatar may have: beyond that, decoding it would take too much memory. */
export const AVATAR_MAX_PIXELS = 40_000_000;

/** Side of the square avatar the site stores and serves, in pixels (shown at up to half that). */
export const AVATAR_SIZE = 256;

/**
 * The avatar upload form. In the browser it checks what it can (a file is chosen, its size, the
 * type the browser guessed from its name); the server then checks the bytes themselves.
 */
export const AvatarUploadSchema = z.object({
	avatar: z.preprocess(
		firstChosenFile,
		z
			.instanceof(File, { error: 'profiles.error.avatarRequired' })
			.refine((file) => file.size <= AVATAR_MAX_BYTES, {
				error: 'profiles.error.avatarTooLarge',
				abort: true,
			})
			.refine(
				(file) => file.type === '' || (IMAGE_TYPES as readonly string[]).includes(file.type),
				{
					error: 'profiles.error.avatarType',
				}
			)
	),
});

/** The avatar form's values as the form holds them. */
export type AvatarUploadInput = z.input<typeof AvatarUploadSchema>;
