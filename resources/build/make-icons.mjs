#!/usr/bin/env node
// Draws the Longtail icon (a long-tail distribution: a few tall "strategic" bars, then the long
// tail in amber under its curve) and writes icon.png (512), the Linux size set, icon.ico and
// icon.icns into resources/icons. Deterministic: run it again and the files are byte-identical.
//   node resources/build/make-icons.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng } from './png.mjs';

const out = fileURLToPath(new URL('../icons/', import.meta.url));

const BARS = 12;
const SUB = 4; // supersamples per axis for smooth edges

const lerp = (a, b, t) => a + (b - a) * t;
const tail = (x) => 1 / Math.pow(1 + 0.55 * x, 1.35); // share of the biggest customer's revenue

/** Colour and coverage of the shapes at (x, y) in a 512-unit design space; later shapes paint over earlier ones. */
function shade(x, y) {
  const layers = [];
  // Rounded-square background with a vertical teal gradient.
  const m = 24;
  const r = 104;
  const cx = Math.min(Math.max(x, m + r), 512 - m - r);
  const cy = Math.min(Math.max(y, m + r), 512 - m - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) {
    const t = (y - m) / (512 - 2 * m);
    layers.push([lerp(20, 12, t), lerp(128, 74, t), lerp(118, 80, t)]);
  } else return null;
  // Bars.
  const left = 84;
  const right = 428;
  const base = 404;
  const top = 112;
  const slot = (right - left) / BARS;
  const i = Math.floor((x - left) / slot);
  if (i >= 0 && i < BARS && x - left - i * slot < slot * 0.74 && y <= base) {
    const h = (base - top) * tail(i);
    if (y >= base - h) layers.push(i < 3 ? [236, 244, 243] : [251, 191, 36]);
  }
  // Baseline.
  if (y > base + 6 && y < base + 14 && x > left - 8 && x < right + 4) layers.push([236, 244, 243]);
  return layers[layers.length - 1];
}

function curveCoverage(x, y) {
  // Distance to the smooth curve through the bar tops, drawn as a soft 9-unit stroke.
  const left = 84;
  const right = 428;
  const base = 404;
  const top = 112;
  const slot = (right - left) / BARS;
  let best = Infinity;
  const steps = 96;
  let px = left + slot * 0.37;
  let py = base - (base - top) * tail(0) - 14;
  for (let s = 1; s <= steps; s++) {
    const u = (s / steps) * (BARS - 1);
    const qx = left + slot * (u + 0.37);
    const qy = base - (base - top) * tail(u) - 14;
    const dx = qx - px;
    const dy = qy - py;
    const t = Math.max(0, Math.min(1, ((x - px) * dx + (y - py) * dy) / (dx * dx + dy * dy)));
    best = Math.min(best, Math.hypot(x - (px + t * dx), y - (py + t * dy)));
    px = qx;
    py = qy;
  }
  return Math.max(0, Math.min(1, 4.5 - best + 0.5));
}

function render(size) {
  const rgba = new Uint8Array(size * size * 4);
  const unit = 512 / size;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SUB; sy++) {
        for (let sx = 0; sx < SUB; sx++) {
          const c = shade((px + (sx + 0.5) / SUB) * unit, (py + (sy + 0.5) / SUB) * unit);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const o = (py * size + px) * 4;
      if (a === 0) continue;
      r /= a;
      g /= a;
      b /= a;
      const k = curveCoverage((px + 0.5) * unit, (py + 0.5) * unit) * 0.9;
      rgba[o] = Math.round(lerp(r, 255, k));
      rgba[o + 1] = Math.round(lerp(g, 255, k));
      rgba[o + 2] = Math.round(lerp(b, 255, k));
      rgba[o + 3] = Math.round((a / (SUB * SUB)) * 255);
    }
  }
  return encodePng(size, size, rgba);
}

/** ICO with PNG-compressed images (Windows Vista and later), 256 px first as electron-builder wants. */
function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, n) => {
    const e = 6 + n * 16;
    header[e] = size >= 256 ? 0 : size;
    header[e + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, e + 4); // planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.png)]);
}

/** ICNS with PNG entries: ic07 128, ic08 256, ic09 512, ic10 1024 (512@2x). */
function icns(entries) {
  const parts = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((s, p) => s + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

fs.mkdirSync(out, { recursive: true });
const sizes = [16, 32, 48, 64, 128, 256, 512, 1024];
const png = Object.fromEntries(sizes.map((s) => [s, render(s)]));
fs.writeFileSync(path.join(out, 'icon.png'), png[512]);
fs.mkdirSync(path.join(out, 'linux'), { recursive: true });
for (const s of [16, 32, 48, 64, 128, 256, 512]) fs.writeFileSync(path.join(out, 'linux', `${s}x${s}.png`), png[s]);
fs.writeFileSync(path.join(out, 'icon.ico'), ico([256, 48, 32, 16].map((size) => ({ size, png: png[size] }))));
fs.writeFileSync(
  path.join(out, 'icon.icns'),
  icns([
    { type: 'ic07', png: png[128] },
    { type: 'ic08', png: png[256] },
    { type: 'ic09', png: png[512] },
    { type: 'ic10', png: png[1024] },
  ]),
);
console.log(`Icons written to ${out}`);
