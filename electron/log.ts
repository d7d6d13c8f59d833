// The shell's log: one line per event, in a file that rotates by size so a counter PC that runs for
// years never fills its disk. Writes are synchronous and tiny; the shell logs rarely, and a crash
// right after a line must not lose it. A failing log never takes the app down with it.
import nodeFs from 'node:fs';
import nodePath from 'node:path';

export type LogLevel = 'info' | 'warn' | 'error';

// Properties, not methods: a logger's functions are passed around on their own.
export interface Logger {
  readonly info: (message: string, data?: unknown) => void;
  readonly warn: (message: string, data?: unknown) => void;
  readonly error: (message: string, data?: unknown) => void;
}

type LogFs = Pick<
  typeof nodeFs,
  'appendFileSync' | 'statSync' | 'renameSync' | 'rmSync' | 'mkdirSync'
>;

export interface FileLoggerOptions {
  readonly file: string;
  /** Rotate when the current file would grow past this many bytes. */
  readonly maxBytes?: number;
  /** How many rotated files (`.1` newest … `.keep` oldest) to keep. */
  readonly keep?: number;
  readonly now: () => Date;
  readonly fs?: LogFs;
  /** Where a log that cannot write says so (stderr in the app). */
  readonly fallback?: (line: string) => void;
}

/** Error objects lose their fields in JSON.stringify; keep what a reader needs. */
export function describeError(error: unknown): unknown {
  if (error instanceof Error) {
    return { name: error.name, message: error.message, stack: error.stack };
  }
  return error;
}

export function formatLine(at: Date, level: LogLevel, message: string, data?: unknown): string {
  let tail = '';
  if (data !== undefined) {
    try {
      tail = ` ${JSON.stringify(data, (_key, value: unknown) => describeError(value))}`;
    } catch {
      tail = ' [unserialisable data]';
    }
  }
  return `${at.toISOString()} ${level.toUpperCase()} ${message.replace(/\r?\n/g, ' ')}${tail}\n`;
}

/** Shifts `log` → `log.1` → … → `log.keep`, dropping the oldest. */
export function rotate(file: string, keep: number, fs: LogFs = nodeFs): void {
  fs.rmSync(`${file}.${keep}`, { force: true });
  for (let i = keep - 1; i >= 1; i--) {
    try {
      fs.renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
    }
  }
  try {
    fs.renameSync(file, `${file}.1`);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
  }
}

export function createFileLogger(options: FileLoggerOptions): Logger {
  const { file, now } = options;
  const maxBytes = options.maxBytes ?? 1_000_000;
  const keep = Math.max(1, options.keep ?? 3);
  const fs = options.fs ?? nodeFs;
  const fallback = options.fallback ?? ((line: string) => process.stderr.write(line));

  let size: number | undefined;
  const currentSize = (): number => {
    if (size === undefined) {
      try {
        size = fs.statSync(file).size;
      } catch {
        size = 0;
      }
    }
    return size;
  };

  const write = (level: LogLevel, message: string, data?: unknown): void => {
    const line = formatLine(now(), level, message, data);
    const bytes = Buffer.byteLength(line);
    try {
      if (currentSize() > 0 && currentSize() + bytes > maxBytes) {
        rotate(file, keep, fs);
        size = 0;
      }
      fs.appendFileSync(file, line);
      size = currentSize() + bytes;
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') {
        // The folder went away (first run, or a user tidying up): recreate it once and retry.
        try {
          fs.mkdirSync(nodePath.dirname(file), { recursive: true });
          fs.appendFileSync(file, line);
          size = bytes;
          return;
        } catch {
          // fall through to the fallback below
        }
      }
      fallback(line);
    }
  };

  return {
    info: (message, data) => {
      write('info', message, data);
    },
    warn: (message, data) => {
      write('warn', message, data);
    },
    error: (message, data) => {
      write('error', message, data);
    },
  };
}
