/**
 * The cached PGlite cluster image a fresh data directory starts from (see db/pglite-image.ts): a cluster
 * after initdb and the platform bootstrap, saved in node_modules/.cache/supabase-embedded/, with a spare copy
 * unpacked beside it. The first start would build them anyway (initdb in WASM plus the bootstrap take many
 * seconds); `npm install` builds them beforehand through scripts/postinstall.mjs, so the first
 * `npm run backend` / `npm start` is quick too.
 */
import { fileURLToPath } from 'node:url';
import {
	hasClusterImage,
	INITDB_IMAGE_KEY,
	prepareSpareCluster,
	pruneClusterImages,
} from './db/pglite-image.ts';
import { openPglite } from './db/pglite.ts';
import { applyBootstrap, loadBootstrap } from './migrate.ts';

const BOOTSTRAP_DIR = fileURLToPath(new URL('./bootstrap/', import.meta.url));

/** What `prepareClusterImage` did. */
export interface PreparedImage {
	/** The image key: the bootstrap's digest. */
	key: string;
	/** False when the image was already cached. */
	built: boolean;
	/** A spare unpacked copy is ready for the next fresh start. */
	spare: boolean;
	/** Cached images of other bootstraps or PGlite versions that were deleted. */
	pruned: string[];
}

/**
 * Makes sure the image for the current bootstrap is cached: builds it in memory (initdb, then the bootstrap)
 * when it is missing, unpacks its spare copy when that is missing, and deletes images and spares no start would
 * use any more. Rejects when the image cannot be built or saved.
 */
export async function prepareClusterImage(): Promise<PreparedImage> {
	const bootstrap = await loadBootstrap(BOOTSTRAP_DIR);
	const key = bootstrap.digest;
	const pruned = await pruneClusterImages([key, INITDB_IMAGE_KEY]);
	const built = !(await hasClusterImage(key));
	if (built) {
		const db = await openPglite({ imageKey: key });
		try {
			// Saves the image under `key` (the cluster was created by this open).
			await applyBootstrap(db, bootstrap);
		} finally {
			await db.close();
		}
		if (!(await hasClusterImage(key))) throw new Error('the cluster image could not be saved');
	}
	return { key, built, spare: await prepareSpareCluster(key), pruned };
}
