import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
// The YAML reader electron-builder itself uses, so the test reads the file exactly as it will.
const { load } = createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown };

type BuilderConfig = {
  appId?: string;
  productName?: string;
  files?: string[];
  asarUnpack?: string[];
  extraResources?: { from: string; to: string }[];
  npmRebuild?: boolean;
  directories?: { output?: string; buildResources?: string };
  win?: { target?: string[]; icon?: string };
  mac?: { target?: string[]; icon?: string };
  linux?: { target?: string[]; icon?: string; category?: string; maintainer?: string };
};

const config = load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

const pngSize = (file: string): { width: number; height: number } => {
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
};

describe('the electron-builder configuration', () => {
  it('names the app and ships the built output, not the sources', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.productName).toBe('Longtail');
    expect(config.files).toContain('out/**');
    expect(config.files?.some((f) => f.startsWith('main/') || f.startsWith('renderer/'))).toBe(false);
    expect(config.files).toContain('!node_modules/{react,react-dom,scheduler,tsx,esbuild,@esbuild}/**');
  });

  it('unpacks better-sqlite3 from the asar and does not rebuild it against Node', () => {
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(config.npmRebuild).toBe(false);
  });

  it('bundles the sample data, the icons and the Electron-ABI SQLite build as extra resources', () => {
    const from = Object.fromEntries((config.extraResources ?? []).map((r) => [r.from, r.to]));
    expect(from).toMatchObject({ 'resources/sample': 'sample', 'resources/icons': 'icons', 'resources/native': 'native' });
    expect(fs.existsSync(path.join(root, 'resources/sample/distributor.csv'))).toBe(true);
  });

  it('builds NSIS for Windows, DMG for macOS and AppImage plus deb for Linux', () => {
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.linux?.maintainer).toBeTruthy();
  });

  it('points every platform at an icon that exists and has the size the platform needs', () => {
    for (const icon of [config.win?.icon, config.mac?.icon, config.linux?.icon]) {
      expect(icon && fs.existsSync(path.join(root, icon))).toBe(true);
    }
    expect(pngSize(path.join(root, 'resources/icons/icon.png'))).toEqual({ width: 512, height: 512 });
    expect(pngSize(path.join(root, config.linux?.icon ?? '', '512x512.png'))).toEqual({ width: 512, height: 512 });
    const ico = fs.readFileSync(path.join(root, config.win?.icon ?? ''));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    expect(ico[6]).toBe(0); // the first image is 256 px (stored as 0), which the NSIS installer requires
    const icns = fs.readFileSync(path.join(root, config.mac?.icon ?? ''));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
  });
});
