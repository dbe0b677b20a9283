// `npm install` / `npm ci` run this in the project root (npm runs the root package's own lifecycle scripts
// whatever `allowScripts` says; that list only gates dependencies). It builds the PGlite image a fresh
// backend data directory starts from, so the first `npm run backend` / `npm start` is ready in seconds.
// Plain JavaScript on purpose: it must give a clear message, not a loader error, on a Node that cannot
// run TypeScript (an install without devDependencies, where `node` is the system's).
// The image is only a cache: when it cannot be built, the install still succeeds and the first start builds it.
const started = Date.now();
const skip = (reason) => {
	console.warn(`[postinstall] backend image not prepared: ${reason}`);
	console.warn(
		'[postinstall] the first `npm run backend` builds it instead (slower, nothing else).'
	);
};

if (!process.features.typescript) {
	skip(
		`Node ${process.version} cannot run the backend's TypeScript (the project's Node 24 is missing)`
	);
} else {
	try {
		const { prepareClusterImage } = await import('../supabase/embedded/image.ts');
		const { built, spare, pruned } = await prepareClusterImage();
		if (pruned.length > 0)
			console.log(`[postinstall] removed stale backend images: ${pruned.join(', ')}`);
		const seconds = ((Date.now() - started) / 1000).toFixed(1);
		console.log(
			`[postinstall] backend database image ${built ? 'built' : 'already cached'}` +
				`${spare ? '' : ' (its unpacked spare copy could not be made)'} in ${seconds} s`
		);
	} catch (error) {
		skip(error instanceof Error ? error.message : String(error));
	}
}
