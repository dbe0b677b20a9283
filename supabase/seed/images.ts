/**
 * Demo images drawn from numbers: illustrated portraits for people, geometric logos for organisations and a
 * certificate-like scan for verification evidence. Shapes are signed distance functions painted with
 * anti-aliased edges into an RGBA buffer, then encoded as WebP with the codec the site already uses
 * (@jsquash/webp, its plain WebAssembly build so every machine produces the same bytes). No text, no initials,
 * no photo of anyone.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import webpEncoder, { type WebPModule } from '@jsquash/webp/codec/enc/webp_enc.js';
import { defaultOptions } from '@jsquash/webp/meta.js';
import { initEmscriptenModule } from '@jsquash/webp/utils.js';
import type { Random } from './random.ts';

/** A colour as `#rrggbb`. */
type Hex = `#${string}`;

/** Distance from a point to a shape's edge in pixels: negative inside, positive outside. */
type Shape = (x: number, y: number) => number;

/** Side of the square tiles painting works in, in pixels. */
const TILE = 16;

/** An RGBA image being painted, white and opaque to begin with. */
export class Canvas {
	readonly data: Uint8ClampedArray<ArrayBuffer>;
	readonly width: number;
	readonly height: number;

	constructor(width: number, height: number) {
		this.width = width;
		this.height = height;
		this.data = new Uint8ClampedArray(width * height * 4).fill(255);
	}

	/** Paints `shape` (coordinates in units of the canvas width) with `colour`, edges anti-aliased. */
	fill(shape: Shape, colour: Hex): void {
		const scale = this.width;
		// Tiles far outside the shape are skipped and tiles deep inside filled, judged from their centre (with
		// room to spare, as some distances are estimates); only tiles on an edge are computed pixel by pixel.
		const margin = TILE * Math.SQRT1_2 * 1.5 + 1;
		for (let ty = 0; ty < this.height; ty += TILE) {
			for (let tx = 0; tx < this.width; tx += TILE) {
				const centre = shape((tx + TILE / 2) / scale, (ty + TILE / 2) / scale) * scale;
				if (centre > margin) continue;
				const solid = centre < -margin;
				for (let py = ty; py < Math.min(ty + TILE, this.height); py++) {
					for (let px = tx; px < Math.min(tx + TILE, this.width); px++) {
						const d = solid ? -1 : shape((px + 0.5) / scale, (py + 0.5) / scale) * scale;
						if (d < 0.5) this.#blend(px, py, colour, d <= -0.5 ? 1 : 0.5 - d);
					}
				}
			}
		}
	}

	#blend(px: number, py: number, colour: Hex, alpha: number): void {
		const [r, g, b] = rgb(colour);
		const i = (py * this.width + px) * 4;
		const data = this.data;
		data[i] = (data[i] as number) * (1 - alpha) + r * alpha;
		data[i + 1] = (data[i + 1] as number) * (1 - alpha) + g * alpha;
		data[i + 2] = (data[i + 2] as number) * (1 - alpha) + b * alpha;
	}
}

const RGB = new Map<Hex, [number, number, number]>();

function rgb(colour: Hex): [number, number, number] {
	let channels = RGB.get(colour);
	if (channels === undefined) {
		const n = Number.parseInt(colour.slice(1), 16);
		channels = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
		RGB.set(colour, channels);
	}
	return channels;
}

/** `colour` darkened (factor < 1) or lightened towards white (factor > 1). */
function shade(colour: Hex, factor: number): Hex {
	const channels = rgb(colour).map((c) =>
		Math.round(factor <= 1 ? c * factor : c + (255 - c) * (factor - 1))
	);
	return `#${channels.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

// Shapes, in canvas-width units.
const circle =
	(cx: number, cy: number, r: number): Shape =>
	(x, y) =>
		Math.hypot(x - cx, y - cy) - r;
const ellipse =
	(cx: number, cy: number, rx: number, ry: number): Shape =>
	(x, y) => {
		const dx = (x - cx) / rx;
		const dy = (y - cy) / ry;
		const k = Math.hypot(dx, dy);
		if (k === 0) return -Math.min(rx, ry);
		const gradient = Math.hypot(dx / rx, dy / ry) / k;
		return (k - 1) / gradient;
	};
const box =
	(cx: number, cy: number, hw: number, hh: number, radius = 0): Shape =>
	(x, y) => {
		const qx = Math.abs(x - cx) - hw + radius;
		const qy = Math.abs(y - cy) - hh + radius;
		return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
	};
/** The side of the line through (x1, y1) and (x2, y2) on the left of its direction (y grows downwards). */
const halfPlane =
	(x1: number, y1: number, x2: number, y2: number): Shape =>
	(x, y) => {
		const dx = x2 - x1;
		const dy = y2 - y1;
		return ((y - y1) * dx - (x - x1) * dy) / Math.hypot(dx, dy);
	};
const ring = (cx: number, cy: number, r: number, thickness: number): Shape => {
	const c = circle(cx, cy, r);
	return (x, y) => Math.abs(c(x, y)) - thickness / 2;
};
const both =
	(...shapes: Shape[]): Shape =>
	(x, y) =>
		Math.max(...shapes.map((s) => s(x, y)));
const triangle = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number): Shape =>
	// Corners in either order: the edges are walked so that the inside is on their left.
	(bx - ax) * (cy - ay) - (by - ay) * (cx - ax) < 0
		? both(halfPlane(ax, ay, bx, by), halfPlane(bx, by, cx, cy), halfPlane(cx, cy, ax, ay))
		: both(halfPlane(ax, ay, cx, cy), halfPlane(cx, cy, bx, by), halfPlane(bx, by, ax, ay));

const BACKGROUNDS: Hex[] = [
	'#dbe9f6',
	'#f6e3d3',
	'#e3f1e0',
	'#efe1f4',
	'#f8efc9',
	'#d9f0ef',
	'#f6dade',
	'#e6e6ef',
];
const CLOTHES: Hex[] = [
	'#2f6f8f',
	'#27406b',
	'#7a2e3b',
	'#c08a2d',
	'#5b6b2f',
	'#4a3f8c',
	'#d0674f',
	'#5d6670',
	'#1f7a5a',
];
const SKIN: Hex[] = ['#f3cfae', '#e5b48c', '#cf9970', '#b27a55', '#8d5a3b', '#6a412b'];
const HAIR: Hex[] = ['#1c1714', '#2a1f1a', '#3b2a1f', '#4a3426'];
const GREY_HAIR: Hex[] = ['#8e8e8e', '#b9b9b9', '#d6d6d6'];
const SCARVES: Hex[] = ['#3d6b8f', '#8f3d5e', '#5e8f3d', '#c9a227', '#6b4c9a', '#2b2b2b'];

/** Everything that makes a portrait look like this person and not the next. */
export interface PortraitTraits {
	/** Index into the skin tones, 0 (lightest) to 5 (darkest). */
	skin: number;
	gender: 'female' | 'male';
	older: boolean;
	/** Wears a headscarf (some Indonesian women). */
	headscarf: boolean;
}

/** The range of skin tones (indices into SKIN) drawn for people from a country. */
export const SKIN_RANGE: Record<string, readonly [number, number]> = {
	JP: [0, 1],
	VN: [0, 2],
	KH: [1, 3],
	MM: [1, 3],
	ID: [1, 3],
	PH: [1, 3],
	NP: [1, 3],
	LK: [2, 4],
	KE: [4, 5],
};

/** Draws a portrait for someone with `traits`; the rest (colours, hair style, glasses) comes from `random`. */
export function drawPortrait(random: Random, traits: PortraitTraits, size: number): Canvas {
	const canvas = new Canvas(size, size);
	const skin = SKIN[traits.skin] as Hex;
	const hair = traits.older && random.chance(0.6) ? random.pick(GREY_HAIR) : random.pick(HAIR);
	const clothes = random.pick(CLOTHES);
	const background = random.pick(BACKGROUNDS);
	canvas.fill(box(0.5, 0.5, 0.5, 0.5), background);
	canvas.fill(circle(0.86, 0.14, 0.3), shade(background, 1.35));

	const style = traits.headscarf
		? 'headscarf'
		: traits.gender === 'female'
			? random.pick(['long', 'long', 'bun', 'bob'] as const)
			: traits.older
				? random.pick(['short', 'receding'] as const)
				: random.pick(['short', 'short', 'parted', 'spiky'] as const);

	const scarf = random.pick(SCARVES);
	// Behind the head.
	if (style === 'long') canvas.fill(box(0.5, 0.57, 0.235, 0.27, 0.12), hair);
	if (style === 'headscarf') canvas.fill(ellipse(0.5, 0.47, 0.25, 0.28), scarf);
	canvas.fill(ellipse(0.5, 1.1, 0.44, 0.36), clothes);
	if (style !== 'headscarf') {
		canvas.fill(box(0.5, 0.7, 0.065, 0.1, 0.03), shade(skin, 0.88));
		canvas.fill(triangle(0.43, 0.76, 0.57, 0.76, 0.5, 0.84), shade(skin, 0.88));
		canvas.fill(circle(0.325, 0.47, 0.035), shade(skin, 0.94));
		canvas.fill(circle(0.675, 0.47, 0.035), shade(skin, 0.94));
	} else {
		canvas.fill(ellipse(0.5, 0.76, 0.3, 0.14), scarf);
	}
	canvas.fill(ellipse(0.5, 0.455, 0.165, 0.205), skin);

	// Hair on top of the head.
	const cap = ellipse(0.5, 0.42, 0.182, 0.2);
	switch (style) {
		case 'short':
			canvas.fill(both(cap, halfPlane(0.2, 0.35, 0.8, 0.35)), hair);
			break;
		case 'receding':
			canvas.fill(both(cap, halfPlane(0.2, 0.3, 0.8, 0.3)), hair);
			break;
		case 'parted':
			canvas.fill(both(cap, halfPlane(0.3, 0.41, 0.7, 0.33)), hair);
			break;
		case 'spiky':
			canvas.fill(both(cap, halfPlane(0.2, 0.36, 0.8, 0.36)), hair);
			for (const x of [0.4, 0.5, 0.6])
				canvas.fill(triangle(x - 0.06, 0.27, x + 0.06, 0.27, x, 0.2), hair);
			break;
		case 'bun':
			canvas.fill(circle(0.5, 0.2, 0.075), hair);
			canvas.fill(both(cap, halfPlane(0.2, 0.37, 0.8, 0.37)), hair);
			break;
		case 'bob':
			canvas.fill(both(ellipse(0.5, 0.46, 0.205, 0.235), halfPlane(0.2, 0.56, 0.8, 0.56)), hair);
			canvas.fill(both(ellipse(0.5, 0.49, 0.145, 0.17), halfPlane(0.8, 0.37, 0.2, 0.4)), skin);
			break;
		case 'long':
			canvas.fill(both(cap, halfPlane(0.2, 0.38, 0.8, 0.34)), hair);
			break;
		case 'headscarf':
			canvas.fill(both(ellipse(0.5, 0.47, 0.25, 0.28), halfPlane(0.2, 0.34, 0.8, 0.34)), scarf);
			break;
	}

	// Face.
	const ink: Hex = '#2a2220';
	canvas.fill(circle(0.44, 0.47, 0.015), ink);
	canvas.fill(circle(0.56, 0.47, 0.015), ink);
	canvas.fill(
		both(ring(0.5, 0.51, 0.055, 0.012), halfPlane(0.8, 0.525, 0.2, 0.525)),
		shade(skin, 0.6)
	);
	if (random.chance(traits.older ? 0.5 : 0.15)) {
		const frame: Hex = '#3a3a3a';
		canvas.fill(ring(0.44, 0.47, 0.038, 0.008), frame);
		canvas.fill(ring(0.56, 0.47, 0.038, 0.008), frame);
		canvas.fill(box(0.5, 0.465, 0.022, 0.004), frame);
	}
	return canvas;
}

const BRAND: Hex[] = [
	'#1f5f8b',
	'#b5432f',
	'#2e7d4f',
	'#6a3d9a',
	'#c28a16',
	'#20706f',
	'#8c2d5a',
	'#3b4a6b',
	'#a35a1f',
];

/** A logo: a brand colour and a white geometric mark, chosen by `random`. */
export function drawLogo(random: Random, size: number): Canvas {
	const canvas = new Canvas(size, size);
	const brand = random.pick(BRAND);
	const white: Hex = '#ffffff';
	canvas.fill(box(0.5, 0.5, 0.5, 0.5), brand);
	switch (random.int(0, 5)) {
		case 0:
			canvas.fill(ring(0.5, 0.5, 0.24, 0.09), white);
			break;
		case 1:
			canvas.fill(triangle(0.18, 0.74, 0.5, 0.24, 0.82, 0.74), white);
			canvas.fill(triangle(0.4, 0.74, 0.58, 0.46, 0.76, 0.74), shade(brand, 0.75));
			break;
		case 2:
			canvas.fill((x, y) => (Math.abs(x - 0.5) + Math.abs(y - 0.5) - 0.3) / Math.SQRT2, white);
			break;
		case 3:
			canvas.fill(circle(0.4, 0.5, 0.18), white);
			canvas.fill(circle(0.6, 0.5, 0.18), shade(brand, 1.45));
			break;
		case 4:
			for (const y of [0.3, 0.5, 0.7]) canvas.fill(box(0.5, y, 0.28, 0.055, 0.05), white);
			break;
		default:
			canvas.fill(ellipse(0.5, 0.5, 0.3, 0.16), white);
			canvas.fill(ellipse(0.5, 0.5, 0.16, 0.3), white);
			canvas.fill(circle(0.5, 0.5, 0.08), brand);
	}
	return canvas;
}

/** A scanned certificate: a bordered page, a title bar, lines of text and a red seal (no legible text). */
export function drawCertificate(random: Random, width: number): Canvas {
	const height = Math.round(width * 0.707);
	const canvas = new Canvas(width, height);
	const h = height / width;
	canvas.fill(box(0.5, h / 2, 0.5, h / 2), '#fbf8f0');
	canvas.fill(
		both(
			box(0.5, h / 2, 0.46, h / 2 - 0.04),
			(x, y) => -box(0.5, h / 2, 0.445, h / 2 - 0.055)(x, y)
		),
		'#8a7a55'
	);
	canvas.fill(box(0.5, 0.13, 0.22, 0.018, 0.006), '#3c3c3c');
	for (let line = 0; line < 5; line++) {
		const length = 0.25 + random.next() * 0.12;
		canvas.fill(box(0.13 + length, 0.22 + line * 0.055, length, 0.008, 0.004), '#9c9c9c');
	}
	canvas.fill(ring(0.8, h - 0.15, 0.06, 0.012), '#c0392b');
	canvas.fill(circle(0.8, h - 0.15, 0.03), '#d9534f');
	return canvas;
}

let encoder: Promise<WebPModule> | undefined;

/** Lossy WebP at quality 80 (the site stores avatars at 82), slowest and smallest method. */
const WEBP_OPTIONS = { ...defaultOptions, quality: 80, method: 6 };

/** Encodes a canvas as WebP. */
export async function encodeWebp(canvas: Canvas): Promise<Uint8Array> {
	encoder ??= (async () => {
		const require = createRequire(import.meta.url);
		// The plain build, not the SIMD one the package would pick: the same bytes on every machine.
		const wasm = await readFile(require.resolve('@jsquash/webp/codec/enc/webp_enc.wasm'));
		const module = await initEmscriptenModule(webpEncoder, await WebAssembly.compile(wasm));
		if (module === undefined) throw new Error('the WebP encoder did not load');
		return module;
	})();
	const result = (await encoder).encode(canvas.data, canvas.width, canvas.height, WEBP_OPTIONS);
	if (result === null) throw new Error('WebP encoding failed');
	return new Uint8Array(result);
}
