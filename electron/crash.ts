// When the renderer process dies (a GPU driver, out of memory, a bug), the counter reloads it and
// says so. Work already saved lives in IndexedDB and survives. A renderer that dies again and
// again is not reloaded forever: after a few tries in a short window, the person is told to
// restart instead of watching a loop.
import type { RenderProcessGoneDetails } from 'electron';
import type { Logger } from './log';

export interface CrashResponderDeps {
  /** Milliseconds since the epoch; a parameter so tests control time (STYLE.md 8). */
  readonly now: () => number;
  readonly reload: () => void;
  readonly notify: (message: string, detail: string) => void;
  readonly log: Logger;
  readonly maxReloads?: number;
  readonly windowMs?: number;
}

export function createCrashResponder(
  deps: CrashResponderDeps,
): (details: Pick<RenderProcessGoneDetails, 'reason' | 'exitCode'>) => void {
  const maxReloads = deps.maxReloads ?? 3;
  const windowMs = deps.windowMs ?? 60_000;
  let recent: number[] = [];

  return ({ reason, exitCode }) => {
    if (reason === 'clean-exit') return;
    const at = deps.now();
    recent = [...recent.filter((t) => at - t < windowMs), at];
    deps.log.error('renderer gone', { reason, exitCode, inWindow: recent.length });

    if (recent.length > maxReloads) {
      deps.notify(
        'Counter keeps stopping',
        `The window stopped ${recent.length} times in a short time (${reason}), so it was not ` +
          'reloaded again. Your saved work is kept. Quit and restart Counter; if it happens ' +
          'again, send the log to support (Help → Open log).',
      );
      return;
    }
    deps.reload();
    deps.notify(
      'Counter reloaded its window',
      `The window stopped unexpectedly (${reason}) and was reloaded. Work that was saved is ` +
        'kept; check the last ticket you were editing.',
    );
  };
}
