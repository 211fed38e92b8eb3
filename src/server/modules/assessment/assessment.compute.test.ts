import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPLETENESS } from './assessment.completeness';
import { aggregate, hourMeans, o3DailyMaxEightHour, o3EightHourMean } from './assessment.compute';
import { beijingDayStart, beijingMonthStart, beijingYearStart, daysInBeijingMonth, daysInBeijingYear, HOUR_MS } from './assessment.periods';

describe('Beijing periods', () => {
  it('puts 2026-01-01T16:00Z in Beijing 2026-01-02 and 15:59:59.999Z in 2026-01-01', () => {
    expect(new Date(beijingDayStart(Date.parse('2026-01-01T16:00:00Z'))).toISOString()).toBe('2026-01-01T16:00:00.000Z');
    expect(new Date(beijingDayStart(Date.parse('2026-01-01T15:59:59.999Z'))).toISOString()).toBe('2025-12-31T16:00:00.000Z');
  });

  it('starts months and years at 00:00 +08:00 and counts their days', () => {
    const t = Date.parse('2026-02-28T17:00:00Z'); // 2026-03-01 01:00 Beijing
    expect(new Date(beijingMonthStart(t)).toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(new Date(beijingYearStart(Date.parse('2025-12-31T16:30:00Z'))).toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(daysInBeijingMonth(beijingMonthStart(Date.parse('2028-02-10T00:00:00Z')))).toBe(29);
    expect(daysInBeijingYear(beijingYearStart(Date.parse('2028-06-01T00:00:00Z')))).toBe(366);
  });
});

describe('aggregates and derived hours', () => {
  it('aggregates mean/min/max/sum/count and handles no values', () => {
    expect(aggregate([3, 1, 2])).toEqual({ mean: 2, min: 1, max: 3, sum: 6, count: 3 });
    expect(aggregate([])).toEqual({ mean: null, min: null, max: null, sum: 0, count: 0 });
  });

  it('derives an hour from real-time data covering at least 45 distinct minutes', () => {
    const h = Date.parse('2026-05-01T00:00:00Z');
    const rt = (minutes: number) => Array.from({ length: minutes * 2 }, (_, i) => ({ interval: 'rt' as const, observedAt: h + i * 30_000, value: i % 2 === 0 ? 10 : 20 }));
    expect(hourMeans(rt(45), DEFAULT_COMPLETENESS).get(h)).toEqual({ value: 15, derived: true });
    expect(hourMeans(rt(44), DEFAULT_COMPLETENESS).has(h)).toBe(false);
  });
});

describe('O3 8-hour means', () => {
  const day = Date.parse('2026-07-01T16:00:00Z');
  it('needs 6 of 8 hours', () => {
    const o3 = new Map<number, number>();
    for (let i = 0; i < 6; i++) o3.set(day + i * HOUR_MS, 80);
    expect(o3EightHourMean(o3, day + 7 * HOUR_MS, 6)).toBe(80);
    o3.delete(day);
    expect(o3EightHourMean(o3, day + 7 * HOUR_MS, 6)).toBeNull();
  });

  it('takes the daily maximum over 17 windows and needs 14 valid ones', () => {
    const o3 = new Map<number, number>();
    for (let h = 0; h < 24; h++) o3.set(day + h * HOUR_MS, h >= 10 && h <= 17 ? 200 : 100);
    expect(o3DailyMaxEightHour(o3, day, DEFAULT_COMPLETENESS)).toBe(200);
    // Only hours 0–18: windows ending 7…18 valid (12), 19…23 need ≥ 6 of their 8 hours.
    for (let h = 19; h < 24; h++) o3.delete(day + h * HOUR_MS);
    for (let h = 0; h < 5; h++) o3.delete(day + h * HOUR_MS);
    expect(o3DailyMaxEightHour(o3, day, DEFAULT_COMPLETENESS)).toBeNull();
  });
});
