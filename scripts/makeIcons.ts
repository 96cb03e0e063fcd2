/**
 * Draws the Teams app icons and writes them as PNG files (our own encoder on node:zlib):
 * - appPackage/color.png: 192×192, the sync symbol in white on a solid blue tile;
 * - appPackage/outline.png: 32×32, the same symbol in pure white on a transparent background.
 *
 * The symbol is two circular arrows chasing each other (sync), drawn with 4×4 supersampling so
 * the edges are smooth. Run: `npm run build --silent && node dist/scripts/makeIcons.js`.
 * The generated PNGs are committed; rerun only when the design changes.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typeAndData) >>> 0);
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes 8-bit RGBA pixels (row by row, 4 bytes a pixel) as a PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error(`encodePng(): expected ${width * height * 4} bytes, got ${rgba.length}`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method
  header[12] = 0; // no interlace
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter type None
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

interface SymbolShape {
  /** Ring radius and stroke width, in units of the icon's size. */
  radius: number;
  stroke: number;
  /** Arrowhead length (along the ring) and half width (across it). */
  head: number;
  headWidth: number;
}

function insideTriangle(px: number, py: number, a: [number, number], b: [number, number], c: [number, number]): boolean {
  const side = (p: [number, number], q: [number, number]) => (q[0] - p[0]) * (py - p[1]) - (q[1] - p[1]) * (px - p[0]);
  const d1 = side(a, b);
  const d2 = side(b, c);
  const d3 = side(c, a);
  const negative = d1 < 0 || d2 < 0 || d3 < 0;
  const positive = d1 > 0 || d2 > 0 || d3 > 0;
  return !(negative && positive);
}

/**
 * Whether the point (x, y) in [0,1]² (y down) is on the sync symbol: two arcs of a ring, each
 * ending in an arrowhead pointing clockwise, with gaps at the left and right.
 */
function onSymbol(x: number, y: number, s: SymbolShape): boolean {
  const dx = x - 0.5;
  const dy = y - 0.5;
  const r = Math.hypot(dx, dy);
  // Angle measured clockwise from the positive x axis (screen coordinates).
  let angle = (Math.atan2(dy, dx) * 180) / Math.PI;
  if (angle < 0) angle += 360;
  const arcs: Array<[number, number]> = [
    [200, 320], // upper arc, from the left round to the upper right
    [20, 140], // lower arc, from the right round to the lower left
  ];
  if (Math.abs(r - s.radius) <= s.stroke / 2) {
    for (const [from, to] of arcs) if (angle >= from && angle <= to) return true;
  }
  for (const [, to] of arcs) {
    const t = (to * Math.PI) / 180;
    const base: [number, number] = [0.5 + s.radius * Math.cos(t), 0.5 + s.radius * Math.sin(t)];
    const radial: [number, number] = [Math.cos(t), Math.sin(t)];
    const tangent: [number, number] = [-Math.sin(t), Math.cos(t)]; // clockwise on screen
    const tip: [number, number] = [base[0] + tangent[0] * s.head, base[1] + tangent[1] * s.head];
    const outer: [number, number] = [base[0] + radial[0] * s.headWidth, base[1] + radial[1] * s.headWidth];
    const inner: [number, number] = [base[0] - radial[0] * s.headWidth, base[1] - radial[1] * s.headWidth];
    if (insideTriangle(x, y, tip, outer, inner)) return true;
  }
  return false;
}

/** Symbol coverage (0…1) of each pixel, 4×4 samples a pixel. */
function coverage(size: number, shape: SymbolShape): Float64Array {
  const out = new Float64Array(size * size);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          if (onSymbol((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size, shape)) hits++;
        }
      }
      out[py * size + px] = hits / (n * n);
    }
  }
  return out;
}

/** Accent colour of the app (also the manifest's accentColor). */
export const ACCENT = { r: 0x1f, g: 0x6f, b: 0xeb };

export function colorIcon(size = 192): Buffer {
  // The symbol sits inside the central half, as Teams' icon guidelines ask.
  const cover = coverage(size, { radius: 0.22, stroke: 0.075, head: 0.1, headWidth: 0.085 });
  const rgba = new Uint8Array(size * size * 4);
  for (let i = 0; i < size * size; i++) {
    const c = cover[i];
    rgba[i * 4] = Math.round(ACCENT.r + (255 - ACCENT.r) * c);
    rgba[i * 4 + 1] = Math.round(ACCENT.g + (255 - ACCENT.g) * c);
    rgba[i * 4 + 2] = Math.round(ACCENT.b + (255 - ACCENT.b) * c);
    rgba[i * 4 + 3] = 255;
  }
  return encodePng(size, size, rgba);
}

export function outlineIcon(size = 32): Buffer {
  // Bolder strokes so the symbol reads at 32 px (and at 16 px in the Teams app bar).
  const cover = coverage(size, { radius: 0.3, stroke: 0.12, head: 0.15, headWidth: 0.13 });
  const rgba = new Uint8Array(size * size * 4);
  for (let i = 0; i < size * size; i++) {
    rgba[i * 4] = 255;
    rgba[i * 4 + 1] = 255;
    rgba[i * 4 + 2] = 255;
    rgba[i * 4 + 3] = Math.round(255 * cover[i]);
  }
  return encodePng(size, size, rgba);
}

function main(): void {
  const dir = path.resolve(process.argv[2] ?? 'appPackage');
  writeFileSync(path.join(dir, 'color.png'), colorIcon());
  writeFileSync(path.join(dir, 'outline.png'), outlineIcon());
  process.stdout.write(`wrote ${path.join(dir, 'color.png')} (192×192) and ${path.join(dir, 'outline.png')} (32×32)\n`);
}

if (require.main === module) main();
