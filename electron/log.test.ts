import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFileLogger, formatLine, rotate } from './log';

const at = new Date('2025-03-31T08:15:00.000Z');
const clock = () => at;

describe('formatLine', () => {
  it('writes one line: time, level, message, data', () => {
    expect(formatLine(at, 'warn', 'blocked navigation', { url: 'https://x' })).toBe(
      '2025-03-31T08:15:00.000Z WARN blocked navigation {"url":"https://x"}\n',
    );
  });

  it('keeps multi-line messages on one line and errors readable', () => {
    const line = formatLine(at, 'error', 'two\nlines', new Error('boom'));
    expect(line.trimEnd().split('\n')).toHaveLength(1);
    expect(line).toContain('"message":"boom"');
  });

  it('survives data that cannot be serialised', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(formatLine(at, 'info', 'x', loop)).toContain('[unserialisable data]');
  });
});

describe('file logger', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counter-log-'));
    file = path.join(dir, 'counter.log');
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const lineBytes = Buffer.byteLength(formatLine(at, 'info', 'line 000'));

  it('appends lines with the injected clock', () => {
    const log = createFileLogger({ file, now: clock });
    log.info('start', { version: '0.1.0' });
    log.error('oops');
    expect(fs.readFileSync(file, 'utf8')).toBe(
      '2025-03-31T08:15:00.000Z INFO start {"version":"0.1.0"}\n' +
        '2025-03-31T08:15:00.000Z ERROR oops\n',
    );
  });

  it('rotates by size and keeps only the newest files', () => {
    const log = createFileLogger({ file, now: clock, maxBytes: lineBytes * 3, keep: 2 });
    for (let i = 0; i < 10; i++) log.info(`line ${String(i).padStart(3, '0')}`);

    const names = fs.readdirSync(dir).sort();
    expect(names).toEqual(['counter.log', 'counter.log.1', 'counter.log.2']);
    for (const name of names) {
      expect(fs.statSync(path.join(dir, name)).size).toBeLessThanOrEqual(lineBytes * 3);
    }
    const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
    expect(read('counter.log')).toContain('line 009');
    expect(read('counter.log.1')).toContain('line 008');
    expect(read('counter.log.2')).toContain('line 005');
    // Lines 000–002 were in a file rotated past `keep`.
    expect(names.map(read).join('')).not.toContain('line 002');
  });

  it('counts what an earlier run already wrote', () => {
    fs.writeFileSync(file, 'x'.repeat(lineBytes * 2));
    const log = createFileLogger({ file, now: clock, maxBytes: lineBytes * 2 + 10, keep: 1 });
    log.info('line 001');
    expect(fs.readFileSync(`${file}.1`, 'utf8')).toBe('x'.repeat(lineBytes * 2));
    expect(fs.readFileSync(file, 'utf8')).toContain('line 001');
  });

  it('recreates a deleted log folder', () => {
    const nested = path.join(dir, 'logs', 'counter.log');
    const log = createFileLogger({ file: nested, now: clock });
    log.info('first');
    expect(fs.readFileSync(nested, 'utf8')).toContain('first');
  });

  it('never throws when the disk refuses', () => {
    const fallback = vi.fn();
    const log = createFileLogger({
      file,
      now: clock,
      fallback,
      fs: {
        appendFileSync: () => {
          throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
        },
        statSync: fs.statSync,
        renameSync: fs.renameSync,
        rmSync: fs.rmSync,
        mkdirSync: fs.mkdirSync,
      },
    });
    expect(() => {
      log.warn('still here');
    }).not.toThrow();
    expect(fallback).toHaveBeenCalledWith(expect.stringContaining('still here') as string);
  });

  it('rotate() tolerates missing generations', () => {
    fs.writeFileSync(file, 'current');
    rotate(file, 3);
    expect(fs.readFileSync(`${file}.1`, 'utf8')).toBe('current');
    expect(fs.existsSync(file)).toBe(false);
  });
});
