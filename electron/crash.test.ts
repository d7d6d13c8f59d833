import { describe, expect, it, vi } from 'vitest';
import { createCrashResponder } from './crash';

const setup = () => {
  let now = 1_000_000;
  const deps = {
    now: () => now,
    reload: vi.fn(),
    notify: vi.fn(),
    log: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
  };
  const respond = createCrashResponder({ ...deps, maxReloads: 3, windowMs: 60_000 });
  const advance = (ms: number) => {
    now += ms;
  };
  return { deps, respond, advance };
};

describe('renderer crash responder', () => {
  it('ignores a clean exit', () => {
    const { deps, respond } = setup();
    respond({ reason: 'clean-exit', exitCode: 0 });
    expect(deps.reload).not.toHaveBeenCalled();
    expect(deps.notify).not.toHaveBeenCalled();
  });

  it('reloads the window and tells the person', () => {
    const { deps, respond } = setup();
    respond({ reason: 'crashed', exitCode: 139 });
    expect(deps.reload).toHaveBeenCalledOnce();
    expect(deps.notify).toHaveBeenCalledWith(
      'Counter reloaded its window',
      expect.stringContaining('crashed') as string,
    );
    expect(deps.log.error).toHaveBeenCalledOnce();
  });

  it('stops reloading a window that keeps crashing, and says what to do', () => {
    const { deps, respond, advance } = setup();
    for (let i = 0; i < 4; i++) {
      respond({ reason: 'oom', exitCode: 1 });
      advance(5_000);
    }
    expect(deps.reload).toHaveBeenCalledTimes(3);
    expect(deps.notify).toHaveBeenLastCalledWith(
      'Counter keeps stopping',
      expect.stringContaining('restart Counter') as string,
    );
  });

  it('forgets crashes older than its window', () => {
    const { deps, respond, advance } = setup();
    for (let i = 0; i < 3; i++) respond({ reason: 'crashed', exitCode: 1 });
    advance(61_000);
    respond({ reason: 'crashed', exitCode: 1 });
    expect(deps.reload).toHaveBeenCalledTimes(4);
  });
});
