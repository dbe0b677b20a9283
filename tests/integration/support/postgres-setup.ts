/**
 * vitest globalSetup: with TEST_POSTGRES=1, starts one throwaway PostgreSQL 15 cluster for the whole run and
 * exports its URL as TEST_DATABASE_URL (each backend a test starts then gets its own database on it); stops it
 * when the run ends. Does nothing on PGlite runs, or when TEST_DATABASE_URL already names a server.
 */
import { ON_POSTGRES, startTestCluster } from './postgres.ts';

export default async function setup(): Promise<(() => void) | undefined> {
	if (!ON_POSTGRES || process.env['TEST_DATABASE_URL']) return undefined;
	const cluster = await startTestCluster();
	// Test workers start after the globalSetup and inherit this environment.
	process.env['TEST_DATABASE_URL'] = cluster.url;
	return () => cluster.stop();
}
