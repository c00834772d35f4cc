import fs from 'node:fs';
import path from 'node:path';

export type WindowState = { x?: number; y?: number; width: number; height: number; maximized: boolean };
export type Rect = { x: number; y: number; width: number; height: number };

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1360, height: 860, maximized: false };
const MIN = { width: 900, height: 600 };

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

const overlaps = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.width - 40 && b.x < a.x + a.width - 40 && a.y < b.y + b.height - 40 && b.y < a.y + a.height - 40;

/**
 * The remembered size and place of the window. A damaged file, or a position on a monitor that
 * is no longer attached, falls back to a centred default rather than a window nobody can see.
 */
export function loadWindowState(file: string, workAreas: Rect[]): WindowState {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
  if (!finite(raw.width) || !finite(raw.height)) return { ...DEFAULT_WINDOW_STATE };
  const width = Math.max(MIN.width, Math.round(raw.width));
  const height = Math.max(MIN.height, Math.round(raw.height));
  const maximized = raw.maximized === true;
  if (finite(raw.x) && finite(raw.y)) {
    const rect = { x: Math.round(raw.x), y: Math.round(raw.y), width, height };
    if (workAreas.some((area) => overlaps(rect, area))) return { ...rect, maximized };
  }
  return { width, height, maximized };
}

export function saveWindowState(file: string, state: WindowState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state));
  fs.renameSync(tmp, file);
}
