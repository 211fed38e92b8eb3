import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkUsccCode } from './uscc';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

describe('checkUsccCode', () => {
  it('reports validity, the org-code warning and a stable error code', () => {
    expect(checkUsccCode(' 914403001922038216 ')).toEqual({ code: '914403001922038216', valid: true, orgCodeValid: true, error: null });
    expect(checkUsccCode('914403001922038217')).toMatchObject({ valid: false, orgCodeValid: true, error: { code: 'CHECK_CHARACTER_MISMATCH' } });
  });
});

describe('yrd-eco uscc check (spawned)', () => {
  it('checks codes given as arguments', () => {
    const run = spawnSync(process.execPath, ['bin/yrd-eco.mjs', 'uscc', 'check', '914403001922038216', '12345'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual([
      { code: '914403001922038216', valid: true, orgCodeValid: true, error: null },
      { code: '12345', valid: false, orgCodeValid: false, error: { code: 'INVALID_LENGTH', message: 'a USCC has 18 characters, got 5' } },
    ]);
  });

  it('reads codes from stdin, one per line, when none are given', () => {
    const run = spawnSync(process.execPath, ['bin/yrd-eco.mjs', 'uscc', 'check'], { cwd: ROOT, input: '91320100MA1FL4T379\nB14403001922038216\n', encoding: 'utf8' });
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { valid: boolean; error: { code: string } | null });
    expect(lines.map((l) => l.error?.code ?? 'valid')).toEqual(['valid', 'UNKNOWN_REGISTRATION_AUTHORITY']);
  });
});
