// The main window opens where it was left: bounds in a small JSON file in userData. The file is
// ours but the disk is not: a corrupt or hand-edited file, or a monitor that has since been
// unplugged, must give a usable window, never a crash or a window off screen.
import nodeFs from 'node:fs';
import { z } from 'zod';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState {
  readonly bounds: Partial<Pick<Rect, 'x' | 'y'>> & Pick<Rect, 'width' | 'height'>;
  readonly maximized: boolean;
}

export const MIN_WIDTH = 800;
export const MIN_HEIGHT = 600;
export const DEFAULT_WINDOW_STATE: WindowState = {
  bounds: { width: 1280, height: 800 },
  maximized: false,
};

const Coordinate = z.number().int().min(-100_000).max(100_000);
const Size = z.number().int().min(1).max(100_000);

const WindowStateSchema = z.object({
  bounds: z.object({
    x: Coordinate.optional(),
    y: Coordinate.optional(),
    width: Size,
    height: Size,
  }),
  maximized: z.boolean(),
});

/** Parses the saved file; anything unreadable gives the defaults. */
export function parseWindowState(text: string | undefined): WindowState {
  if (text === undefined) return DEFAULT_WINDOW_STATE;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
  const parsed = WindowStateSchema.safeParse(json);
  return parsed.success ? parsed.data : DEFAULT_WINDOW_STATE;
}

const overlap = (a: Rect, b: Rect): number =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/**
 * Makes the state fit today's displays: sizes clamp to the largest work area (and the minimum),
 * and a window whose title bar would be unreachable loses its position, so it opens centred.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const maxWidth = Math.max(MIN_WIDTH, ...workAreas.map((a) => a.width));
  const maxHeight = Math.max(MIN_HEIGHT, ...workAreas.map((a) => a.height));
  const width = Math.min(Math.max(state.bounds.width, MIN_WIDTH), maxWidth);
  const height = Math.min(Math.max(state.bounds.height, MIN_HEIGHT), maxHeight);
  const { x, y } = state.bounds;
  if (x === undefined || y === undefined) {
    return { bounds: { width, height }, maximized: state.maximized };
  }
  // The top strip is what a person grabs to move the window; require a usable piece of it.
  const titleBar: Rect = { x, y, width, height: 32 };
  const reachable = workAreas.some((area) => overlap(titleBar, area) >= 100 * 32);
  return {
    bounds: reachable ? { x, y, width, height } : { width, height },
    maximized: state.maximized,
  };
}

type StateFs = Pick<typeof nodeFs, 'readFileSync' | 'writeFileSync' | 'renameSync'>;

// Synchronous on purpose: the file is a hundred bytes, and the save runs while the window closes,
// where an unfinished asynchronous write could be cut off by the process exiting.
export function loadWindowState(file: string, fs: StateFs = nodeFs): WindowState {
  try {
    return parseWindowState(fs.readFileSync(file, 'utf8'));
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

/** Writes beside the file and renames over it, so a crash mid-write leaves the old state. */
export function saveWindowState(file: string, state: WindowState, fs: StateFs = nodeFs): void {
  const temp = `${file}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(state)}\n`, 'utf8');
  fs.renameSync(temp, file);
}
