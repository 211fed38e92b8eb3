import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { aqiForLine } from './aqi';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const NOW = Date.UTC(2026, 10, 28);

describe('aqiForLine', () => {
  it('picks the edition from the line date, else the one in force now', () => {
    const line = (date?: string) => JSON.stringify({ 'PM2.5': 60, ...(date === undefined ? {} : { date }) });
    expect(aqiForLine(line('2026-02-28'), { now: NOW })).toMatchObject({ ok: true, standard: '2012', aqi: 82 });
    expect(aqiForLine(line('2026-03-01'), { now: NOW })).toMatchObject({ ok: true, standard: '2026', aqi: 100 });
    expect(aqiForLine(line(), { now: NOW })).toMatchObject({ ok: true, standard: '2026' });
    expect(aqiForLine(line(), { now: Date.UTC(2020, 0, 1) })).toMatchObject({ ok: true, standard: '2012' });
    expect(aqiForLine(line('2026-03-01'), { now: NOW, standard: '2012' })).toMatchObject({ ok: true, standard: '2012' });
    expect(aqiForLine(JSON.stringify({ 'PM2.5': 60, time: '2026-02-28T16:00:00Z' }), { now: NOW })).toMatchObject({ standard: '2026' });
  });

  it('accepts numeric strings and nulls, and lists unknown keys', () => {
    expect(aqiForLine('{"PM2.5":"60","NO2":null,"station":"S1"}', { now: NOW, standard: '2026' })).toMatchObject({ ok: true, aqi: 100, iaqi: { 'PM2.5': 100 }, ignoredKeys: ['station'] });
  });

  it('returns typed errors for bad lines', () => {
    const code = (line: string) => (aqiForLine(line, { now: NOW }) as { error?: { code: string } }).error?.code;
    expect(code('nope')).toBe('INVALID_JSON');
    expect(code('[1,2]')).toBe('INVALID_INPUT');
    expect(code('{"PM2.5":"abc"}')).toBe('INVALID_CONCENTRATION');
    expect(code('{"PM2.5":-3}')).toBe('INVALID_CONCENTRATION');
    expect(code('{"PM2.5":3,"date":"someday"}')).toBe('INVALID_DATE');
    expect(code('{"station":"S1"}')).toBe('NO_POLLUTANTS');
    expect(code('{"O3_8h":100,"date":"2026-05-01"}')).toBe('NO_RATED_POLLUTANTS');
  });
});

describe('yrd-eco aqi (spawned)', () => {
  it('rates each line in order and survives bad lines', () => {
    const input = ['{"SO2":150,"NO2":80,"PM10":150,"PM2.5":75,"CO":4,"O3_8h":160}', '{bad', '{"PM2.5":120,"PM10":160,"NO2":150}'].join('\n');
    const run = spawnSync(process.execPath, ['bin/yrd-eco.mjs', 'aqi', '--standard', '2012', '--mode', 'daily'], { cwd: ROOT, input, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ ok: true, aqi: 100, level: 2, category: '良', primaryPollutants: ['SO2', 'NO2', 'PM10', 'PM2.5', 'CO', 'O3_8h'], standard: '2012' });
    expect(lines[1]).toEqual({ ok: false, error: { code: 'INVALID_JSON', message: 'line is not valid JSON' } });
    expect(lines[2]).toMatchObject({
      ok: true,
      aqi: 158,
      level: 4,
      category: '中度污染',
      categoryEn: 'Moderately polluted',
      color: '#FF0000',
      iaqi: { NO2: 135, PM10: 105, 'PM2.5': 158 },
      primaryPollutants: ['PM2.5'],
      exceedingPollutants: ['NO2', 'PM10', 'PM2.5'],
    });
  });
});
