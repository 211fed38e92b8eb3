import { afterEach, describe, expect, it, vi } from 'vitest';
import { scheduleStatisticsRefresh } from './statistics-refresh';

describe('scheduled statistics refresh', () => {
  afterEach(() => vi.useRealTimers());

  it('runs after the first delay, then at each interval, never twice at once, and not after stop', async () => {
    vi.useFakeTimers();
    let calls = 0;
    let finish: (() => void) | undefined;
    const database = {
      refreshStatistics: () =>
        new Promise<void>((resolve) => {
          calls += 1;
          finish = resolve;
        }),
    };
    const warnings: unknown[] = [];
    const schedule = scheduleStatisticsRefresh(database, { warn: (...args: unknown[]) => void warnings.push(args) }, { firstAfterMs: 1_000, everyMs: 10_000 });
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(1);
    // Still running at the next round: it is not started again.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toBe(1);
    finish!();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toBe(2);
    const stopped = schedule.stop();
    finish!();
    await stopped;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(calls).toBe(2);
    expect(warnings).toEqual([]);
  });

  it('logs a failed refresh and tries again at the next round', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const database = {
      refreshStatistics: () => {
        calls += 1;
        return calls === 1 ? Promise.reject(new Error('database is locked')) : Promise.resolve();
      },
    };
    const warnings: unknown[] = [];
    const schedule = scheduleStatisticsRefresh(database, { warn: (...args: unknown[]) => void warnings.push(args) }, { firstAfterMs: 10, everyMs: 100 });
    await vi.advanceTimersByTimeAsync(10);
    expect(warnings).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toBe(2);
    expect(warnings).toHaveLength(1);
    await schedule.stop();
  });
});
