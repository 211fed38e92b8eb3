import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { waterClassForLine } from './water-class';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

describe('waterClassForLine', () => {
  it('classifies a river sample and names the main pollutants', () => {
    expect(waterClassForLine('{"pH":7.1,"DO":6.2,"COD":35,"NH3-N":2.5,"TP":0.35}')).toMatchObject({
      ok: true,
      class: '劣V',
      itemClasses: { pH: 'I', DO: 'II', COD: 'V', 'NH3-N': '劣V', TP: 'V' },
      mainPollutants: [
        { item: 'NH3-N', class: '劣V', exceedanceMultiple: 1.5 },
        { item: 'COD', class: 'V', exceedanceMultiple: 0.75 },
        { item: 'TP', class: 'V', exceedanceMultiple: 0.75 },
      ],
    });
  });

  it('uses lake limits and optional reference items', () => {
    expect(waterClassForLine('{"TP":0.05,"TN":1.8}', { waterBody: 'lake' })).toMatchObject({ ok: true, class: 'III', referenceItems: ['TN'] });
    expect(waterClassForLine('{"TP":0.05,"TN":1.8}', { waterBody: 'lake', includeReferenceItems: ['TN'] })).toMatchObject({ ok: true, class: 'V' });
  });

  it('returns typed errors for bad lines', () => {
    const code = (line: string) => (waterClassForLine(line) as { error?: { code: string } }).error?.code;
    expect(code('x')).toBe('INVALID_JSON');
    expect(code('"COD"')).toBe('INVALID_INPUT');
    expect(code('{"COD":"high"}')).toBe('INVALID_VALUE');
    expect(code('{"WaterTemp":20}')).toBe('NO_ASSESSED_ITEMS');
  });
});

describe('yrd-eco water-class (spawned)', () => {
  it('classifies each line in order and survives bad lines', () => {
    const input = ['{"DO":5.5,"COD":18,"NH3-N":0.8,"TP":0.04}', 'oops', '{"COD":12,"TP":0.04,"site":"S1"}'].join('\n');
    const run = spawnSync(process.execPath, ['bin/yrd-eco.mjs', 'water-class', '--water-body', 'lake'], { cwd: ROOT, input, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({ ok: true, class: 'III', mainPollutants: [] }),
      { ok: false, error: { code: 'INVALID_JSON', message: 'line is not valid JSON' } },
      expect.objectContaining({ ok: true, class: 'III', itemClasses: { COD: 'I', TP: 'III' }, ignoredKeys: ['site'] }),
    ]);
  });
});
