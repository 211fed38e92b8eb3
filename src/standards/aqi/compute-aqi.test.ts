import { describe, expect, it } from 'vitest';
import { aqiCategoryOf } from './categories';
import { computeAqi, type AqiInput, type AqiOptions, type AqiResult } from './compute-aqi';
import { aqiStandardFor } from './standard-by-date';

function aqi(input: AqiInput, options: AqiOptions): AqiResult {
  const outcome = computeAqi(input, options);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.result;
}

describe('computeAqi', () => {
  it('rates an hourly sample (2012): 1 h columns for gases, 24 h columns for PM', () => {
    const r = aqi({ SO2: 10, NO2: 40, PM10: 80, 'PM2.5': 60, CO: 0.8, O3: 100 }, { standard: '2012', mode: 'hourly' });
    // PM2.5 60 → (50/40)·25 + 50 = 81.25 → 82 (2012 table).
    expect(r).toMatchObject({ aqi: 82, level: 2, category: '良', categoryEn: 'Good', color: '#FFFF00', primaryPollutants: ['PM2.5'], exceedingPollutants: [] });
    expect(r.iaqi).toEqual({ SO2: 4, NO2: 20, PM10: 65, 'PM2.5': 82, CO: 8, O3: 32 });
    expect(r.missingPollutants).toEqual([]);
  });

  it('rates the same sample higher under 2026 (PM2.5 60 is IAQI 100)', () => {
    const r = aqi({ SO2: 10, NO2: 40, PM10: 80, 'PM2.5': 60, CO: 0.8, O3: 100 }, { standard: '2026', mode: 'hourly' });
    expect(r.iaqi['PM2.5']).toBe(100);
    expect(r.iaqi.PM10).toBe(72);
    expect(r).toMatchObject({ aqi: 100, level: 2, primaryPollutants: ['PM2.5'], exceedingPollutants: [] });
  });

  it('uses 24 h columns in daily mode and O3 8 h only (by default)', () => {
    const r = aqi({ SO2: 150, NO2: 80, 'PM2.5': 75, CO: 4, O3_8h: 160, O3: 300 }, { standard: '2012', mode: 'daily' });
    expect(r.iaqi).toEqual({ SO2: 100, NO2: 100, 'PM2.5': 100, CO: 100, O3_8h: 100 });
    // Ties: every pollutant at the maximum is primary.
    expect(r.primaryPollutants).toEqual(['SO2', 'NO2', 'PM2.5', 'CO', 'O3_8h']);
    expect(r.notes).toEqual([expect.objectContaining({ pollutant: 'O3', code: 'NOT_AN_INDICATOR_IN_THIS_MODE' })]);
    expect(r.missingPollutants).toEqual(['PM10']);
    const seven = aqi({ SO2: 150, O3_8h: 160, O3: 300 }, { standard: '2012', mode: 'daily', dailyO3OneHourInAqi: true });
    expect(seven.iaqi.O3).toBe(150);
    expect(seven.primaryPollutants).toEqual(['O3']);
    const in2026 = aqi({ O3_8h: 160, O3: 300 }, { standard: '2026', mode: 'daily', dailyO3OneHourInAqi: true });
    expect(in2026.iaqi).toEqual({ O3_8h: 100 });
  });

  it('uses O3 8 h sliding in 2012 real-time reports but not in 2026', () => {
    expect(aqi({ O3: 100, O3_8h: 215 }, { standard: '2012', mode: 'hourly' }).iaqi).toEqual({ O3: 32, O3_8h: 150 });
    const r = aqi({ O3: 100, O3_8h: 215 }, { standard: '2026', mode: 'hourly' });
    expect(r.iaqi).toEqual({ O3: 32 });
    expect(r.notes.map((n) => n.code)).toEqual(['NOT_AN_INDICATOR_IN_THIS_MODE']);
  });

  it('rates the PM10/PM2.5 24 h sliding means as HJ 633-2012 real-time indicators (nine), not under 2026 or in daily reports', () => {
    const hour = { SO2: 10, NO2: 40, PM10: 80, 'PM2.5': 50, CO: 0.8, O3: 100, O3_8h: 90, PM10_24h: 200, 'PM2.5_24h': 120 };
    const r = aqi(hour, { standard: '2012', mode: 'hourly' });
    // Table 1, 24 h columns: PM10 200 → 100 + 50/100·50 = 125; PM2.5 120 → 150 + 5/35·50 = 157.1 ↑ 158;
    // the 1 h PM2.5 50 → 50 + 15/40·50 = 68.75 ↑ 69; O3 8 h 90 → 45.
    expect(r.iaqi).toEqual({ SO2: 4, NO2: 20, PM10: 65, 'PM2.5': 69, CO: 8, O3: 32, O3_8h: 45, PM10_24h: 125, 'PM2.5_24h': 158 });
    expect(r).toMatchObject({ aqi: 158, level: 4, primaryPollutants: ['PM2.5_24h'], exceedingPollutants: ['PM10_24h', 'PM2.5_24h'], missingPollutants: [] });

    // HJ 633-2026 real-time reports use the six 1 h values only: PM2.5 50 → 50 + 15/25·50 = 80.
    const now = aqi(hour, { standard: '2026', mode: 'hourly' });
    expect(now.iaqi).toEqual({ SO2: 4, NO2: 20, PM10: 72, 'PM2.5': 80, CO: 8, O3: 32 });
    expect(now.aqi).toBe(80);
    expect(now.notes.filter((n) => n.code === 'NOT_AN_INDICATOR_IN_THIS_MODE').map((n) => n.pollutant)).toEqual(['O3_8h', 'PM10_24h', 'PM2.5_24h']);

    // A daily report's PM values already are 24 h means: sliding values are not indicators there.
    const daily = aqi({ 'PM2.5': 75, 'PM2.5_24h': 250 }, { standard: '2012', mode: 'daily' });
    expect(daily.iaqi).toEqual({ 'PM2.5': 100 });
    // Rounded like the 1 h PM values (whole µg/m³, GB/T 8170): 114.5 → 114 → 100 + 39/40·50 = 148.75 ↑ 149;
    // unrounded 100 + 39.5/40·50 = 149.4 ↑ 150.
    expect(aqi({ 'PM2.5_24h': 114.5 }, { standard: '2012' }).iaqi).toEqual({ 'PM2.5_24h': 149 });
    expect(aqi({ 'PM2.5_24h': 114.5 }, { standard: '2012', concentrationRounding: 'none' }).iaqi).toEqual({ 'PM2.5_24h': 150 });
  });

  it('real-time SO2 1 h above 800 µg/m³ (Table 1 note): the 24 h IAQI under 2012, 200 under 2026', () => {
    // SO2 24 h 150 → 100 (2012 24 h column); the 1 h 801 has no IAQI of its own.
    const r = aqi({ SO2: 801, SO2_24h: 150, 'PM2.5': 35 }, { standard: '2012', mode: 'hourly' });
    expect(r.iaqi).toEqual({ SO2: 100, 'PM2.5': 50 });
    expect(r).toMatchObject({ aqi: 100, primaryPollutants: ['SO2'] });
    // Exactly 800 is still on the 1 h column (IAQI 200).
    expect(aqi({ SO2: 800, SO2_24h: 150 }, { standard: '2012' }).iaqi.SO2).toBe(200);
    expect(aqi({ SO2: 801, SO2_24h: 150 }, { standard: '2026' }).iaqi.SO2).toBe(200);
  });

  it('has no primary pollutant when AQI ≤ 50', () => {
    const r = aqi({ SO2: 150, NO2: 100 }, { standard: '2012' });
    expect(r).toMatchObject({ aqi: 50, level: 1, category: '优', color: '#00E400', primaryPollutants: [] });
  });

  it('lists exceeding pollutants (IAQI > 100) under 2012 only', () => {
    const input = { 'PM2.5': 120, PM10: 160, NO2: 150 };
    const old = aqi(input, { standard: '2012', mode: 'daily' });
    expect(old.iaqi).toEqual({ NO2: 135, PM10: 105, 'PM2.5': 158 });
    expect(old).toMatchObject({ aqi: 158, level: 4, category: '中度污染', color: '#FF0000', primaryPollutants: ['PM2.5'] });
    expect(old.exceedingPollutants).toEqual(['NO2', 'PM10', 'PM2.5']);
    expect(aqi(input, { standard: '2026', mode: 'daily' }).exceedingPollutants).toEqual([]);
  });

  it('applies the SO2 1 h > 800 rule: 24 h fallback (2012) or 200 (2026)', () => {
    const fallback = aqi({ SO2: 900, SO2_24h: 500, NO2: 10 }, { standard: '2012' });
    expect(fallback.iaqi.SO2).toBe(154);
    expect(fallback.notes.map((n) => n.code)).toEqual(['SO2_1H_OVER_800_USED_24H']);
    const none = aqi({ SO2: 900, NO2: 10 }, { standard: '2012' });
    expect(none.iaqi).toEqual({ NO2: 5 });
    expect(none.notes.map((n) => n.code)).toEqual(['SO2_1H_OVER_800_NO_24H']);
    const fixed = aqi({ SO2: 900 }, { standard: '2026' });
    expect(fixed).toMatchObject({ aqi: 200, level: 4, iaqi: { SO2: 200 } });
  });

  it('applies the O3 8 h > 800 rule: 1 h fallback (2012) or 300 (2026)', () => {
    expect(aqi({ O3_8h: 850, O3: 1000 }, { standard: '2012', mode: 'daily' }).iaqi).toEqual({ O3_8h: 400 });
    expect(aqi({ O3_8h: 850 }, { standard: '2012', mode: 'daily' }).notes.map((n) => n.code)).toEqual(['O3_8H_OVER_800_NO_1H']);
    const r = aqi({ O3_8h: 850 }, { standard: '2026', mode: 'daily' });
    expect(r).toMatchObject({ aqi: 300, level: 5, category: '重度污染', color: '#99004C' });
  });

  it('reports 500 above the table and level 6', () => {
    expect(aqi({ 'PM2.5': 600 }, { standard: '2026' })).toMatchObject({ aqi: 500, level: 6, category: '严重污染', categoryEn: 'Severely polluted', color: '#7E0023' });
  });

  it('rounds concentrations per GB/T 8170 before rating (HJ 633-2026 4.2.2), unless told not to', () => {
    // 75.5 → 76 (75 is odd): IAQI (50/40)·1 + 100 = 101.25 → 102. 74.5 → 74: 98.75 → 99.
    expect(aqi({ 'PM2.5': 75.5 }, { standard: '2012', mode: 'daily' }).aqi).toBe(102);
    expect(aqi({ 'PM2.5': 74.5 }, { standard: '2012', mode: 'daily' }).aqi).toBe(99);
    expect(aqi({ 'PM2.5': 74.5 }, { standard: '2012', mode: 'daily', concentrationRounding: 'none' }).aqi).toBe(100);
    // CO to 0.1 mg/m³: 4.05 → 4.0 is exactly IAQI 100, not 101.
    expect(aqi({ CO: 4.05 }, { standard: '2012', mode: 'daily' }).aqi).toBe(100);
  });

  it('applies the 2026 missing-data publication rule (5.3.1)', () => {
    expect(aqi({ 'PM2.5': 50 }, { standard: '2026' }).aqiPublishable).toBe(false);
    expect(aqi({ 'PM2.5': 100 }, { standard: '2026' }).aqiPublishable).toBe(true);
    expect(aqi({ 'PM2.5': 50 }, { standard: '2012' }).aqiPublishable).toBe(true);
  });

  it('returns typed errors', () => {
    expect(computeAqi({}, { standard: '2012' })).toMatchObject({ ok: false, error: { code: 'NO_POLLUTANTS' } });
    expect(computeAqi({ SO2_24h: 10 }, { standard: '2012' })).toMatchObject({ ok: false, error: { code: 'NO_POLLUTANTS' } });
    expect(computeAqi({ NO2: -1 }, { standard: '2012' })).toMatchObject({ ok: false, error: { code: 'INVALID_CONCENTRATION', pollutant: 'NO2' } });
    expect(computeAqi({ NO2: Number.POSITIVE_INFINITY }, { standard: '2012' })).toMatchObject({ ok: false, error: { code: 'INVALID_CONCENTRATION' } });
  });
});

describe('categories (Annex A)', () => {
  it('puts the upper bound in the level', () => {
    expect([0, 50, 51, 100, 101, 150, 151, 200, 201, 300, 301, 500].map((a) => aqiCategoryOf(a).level)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6]);
  });
});

describe('aqiStandardFor (domain-standards.md §1.0)', () => {
  it('switches to 2026 on 2026-03-01 Beijing time', () => {
    expect(aqiStandardFor('2026-02-28')).toBe('2012');
    expect(aqiStandardFor('2026-03-01')).toBe('2026');
    expect(aqiStandardFor('2026-02-28 23:00')).toBe('2012');
    expect(aqiStandardFor('2026-03-01T00:00:00')).toBe('2026');
    expect(aqiStandardFor('2026-02-28T15:59:59Z')).toBe('2012');
    expect(aqiStandardFor('2026-02-28T16:00:00Z')).toBe('2026');
    expect(aqiStandardFor('2026-03-01T00:00:00+08:00')).toBe('2026');
    expect(aqiStandardFor(Date.UTC(2026, 1, 28, 16))).toBe('2026');
    expect(aqiStandardFor(Date.UTC(2026, 1, 28, 15, 59))).toBe('2012');
    expect(aqiStandardFor('2016-01-01')).toBe('2012');
  });

  it('returns null for unreadable dates', () => {
    expect(aqiStandardFor('yesterday')).toBeNull();
    expect(aqiStandardFor('2026-02-30')).toBeNull();
    expect(aqiStandardFor('2026-13-01T00:00:00Z')).toBeNull();
    expect(aqiStandardFor(Number.NaN)).toBeNull();
  });
});
