/**
 * Debian's Chromium (`/usr/bin/chromium`, or CHROMIUM_PATH) started headless with the DevTools protocol on a
 * free port, for tools that attach to a running browser: Lighthouse (`port`) and Playwright (`connectOverCDP`).
 * This is what chrome-launcher does, without another dependency.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running Chromium with its DevTools port. */
export interface ChromiumProcess {
	child: ChildProcess;
	/** The DevTools HTTP/WebSocket port on 127.0.0.1. */
	port: number;
	/** Chromium's version string, e.g. `Chrome/142.0.7444.59`. */
	version: string;
	/** Kills the browser and removes its throwaway profile. */
	stop(): Promise<void>;
}

/** Starts Chromium; resolves once its DevTools endpoint answers (rejects after `timeoutMs`, default 30 s). */
export async function startChromium(timeoutMs = 30_000): Promise<ChromiumProcess> {
	const executable =
		process.env['CHROMIUM_PATH'] ?? process.env['CHROME_PATH'] ?? '/usr/bin/chromium';
	const profile = mkdtempSync(join(tmpdir(), 'budgets-chromium-'));
	const child = spawn(
		executable,
		[
			'--headless=new',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--no-default-browser-check',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-extensions',
			'--remote-debugging-port=0',
			`--user-data-dir=${profile}`,
			'about:blank',
		],
		{ stdio: ['ignore', 'ignore', 'pipe'] }
	);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const stop = async (): Promise<void> => {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGKILL');
			await exited;
		}
		rmSync(profile, { recursive: true, force: true });
	};
	let stderr = '';
	const port = await new Promise<number>((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`Chromium did not start:\n${stderr}`)),
			timeoutMs
		);
		child.once('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`Chromium exited (${code}) before listening:\n${stderr}`));
		});
		child.stderr?.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
			const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(stderr);
			if (match) {
				clearTimeout(timer);
				resolve(Number(match[1]));
			}
		});
	}).catch(async (error: unknown) => {
		await stop();
		throw error;
	});
	const info = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as {
		Browser?: string;
	};
	return { child, port, version: info.Browser ?? 'unknown', stop };
}
