import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessWaterSample, classifyWaterItem, type WaterAssessment } from './assess-sample';
import { WATER_ITEMS, ruleOf, type WaterItem } from './limits';
import { classRank } from './water-class';

function assess(...args: Parameters<typeof assessWaterSample>): WaterAssessment {
  const outcome = assessWaterSample(...args);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.assessment;
}

describe('classifyWaterItem (GB 3838-2002 Table 1)', () => {
  it('treats limits as inclusive and lets the better class win a shared limit', () => {
    expect(['COD', 'COD', 'COD', 'COD', 'COD'].map((i, k) => classifyWaterItem(i as WaterItem, [15, 15.01, 20, 40, 40.1][k]!))).toEqual(['I', 'III', 'III', 'V', '劣V']);
    expect(classifyWaterItem('BOD5', 3)).toBe('I');
    expect(classifyWaterItem('Cu', 0.5)).toBe('II');
    expect(classifyWaterItem('CN', 0.2)).toBe('III');
    expect(classifyWaterItem('Hg', 0.00005)).toBe('I');
    expect(classifyWaterItem('Hg', 0.0001)).toBe('III');
    expect(classifyWaterItem('FecalColiform', 40000)).toBe('V');
    expect(classifyWaterItem('NH3-N', 0)).toBe('I');
  });

  it('gives every limit of every item exactly its class or a better one', () => {
    for (const item of WATER_ITEMS) {
      for (const body of ['river', 'lake'] as const) {
        const rule = ruleOf(item, body);
        if (rule === null || rule.kind === 'range') continue;
        rule.limits.forEach((limit, k) => {
          const c = classifyWaterItem(item, limit, body)!;
          expect(classRank(c)).toBeLessThanOrEqual(k + 1);
          // Just past the limit is worse than class k+1 only when the next class is looser.
          if (rule.kind === 'max' && k === 4) expect(classifyWaterItem(item, limit * 1.0001 + 1e-12, body)).toBe('劣V');
        });
      }
    }
  });

  it('reverses DO (higher is better)', () => {
    expect([8, 7.5, 7.49, 6, 5, 4.9, 3, 2, 1.99, 0].map((v) => classifyWaterItem('DO', v))).toEqual(['I', 'I', 'II', 'II', 'III', 'IV', 'IV', 'V', '劣V', '劣V']);
  });

  it('treats pH as a range, not a gradient', () => {
    expect([6, 7.2, 9, 5.99, 9.01].map((v) => classifyWaterItem('pH', v))).toEqual(['I', 'I', 'I', '劣V', '劣V']);
  });

  it('uses the lake TP column for lakes and gives TN a class only there', () => {
    expect(classifyWaterItem('TP', 0.05, 'river')).toBe('II');
    expect(classifyWaterItem('TP', 0.05, 'lake')).toBe('III');
    expect(classifyWaterItem('TP', 0.3, 'lake')).toBe('劣V');
    expect(classifyWaterItem('TN', 1.2, 'river')).toBeNull();
    expect(classifyWaterItem('TN', 1.2, 'lake')).toBe('IV');
  });

  it('never improves as a concentration rises (property)', () => {
    const items = WATER_ITEMS.filter((i) => i !== 'pH' && i !== 'DO' && i !== 'TN');
    fc.assert(
      fc.property(fc.constantFrom(...items), fc.double({ min: 0, max: 100_000, noNaN: true }), fc.double({ min: 0, max: 100_000, noNaN: true }), (item, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(classRank(classifyWaterItem(item, lo)!)).toBeLessThanOrEqual(classRank(classifyWaterItem(item, hi)!));
      }),
    );
  });
});

describe('assessWaterSample (环办〔2011〕22号)', () => {
  it('takes the worst assessed item and reports main pollutants against the class III limit', () => {
    const a = assess({ pH: 7.5, DO: 1, CODMn: 5, COD: 35, BOD5: 5, 'NH3-N': 2.5, TP: 0.35, Hg: 0.00002 });
    expect(a.class).toBe('劣V');
    expect(a.grade).toBe('重度污染');
    expect(a.itemClasses).toEqual({ pH: 'I', DO: '劣V', CODMn: 'III', COD: 'V', BOD5: 'IV', 'NH3-N': '劣V', TP: 'V', Hg: 'I' });
    // NH3-N (2.5−1)/1 = 1.5; COD (35−20)/20 = 0.75; TP (0.35−0.2)/0.2 = 0.75; BOD5 0.25 is 4th. DO never counts.
    expect(a.mainPollutants).toEqual([
      { item: 'NH3-N', class: '劣V', value: 2.5, classIIILimit: 1, exceedanceMultiple: 1.5 },
      { item: 'COD', class: 'V', value: 35, classIIILimit: 20, exceedanceMultiple: 0.75 },
      { item: 'TP', class: 'V', value: 0.35, classIIILimit: 0.2, exceedanceMultiple: 0.75 },
    ]);
  });

  it('reports no main pollutants at class III or better', () => {
    const a = assess({ DO: 5.5, COD: 18, 'NH3-N': 0.8 });
    expect(a).toMatchObject({ class: 'III', grade: '良好', mainPollutants: [] });
    expect(assess({ COD: 15, DO: 8 })).toMatchObject({ class: 'I', grade: '优' });
  });

  it('reports a pH or DO failure as the class but not as a main pollutant', () => {
    const a = assess({ pH: 9.5, COD: 10 });
    expect(a).toMatchObject({ class: '劣V', mainPollutants: [] });
  });

  it('keeps TN and fecal coliforms as reference indicators unless configured', () => {
    const lake = assess({ COD: 10, TP: 0.02, TN: 1.8, FecalColiform: 30000 }, { waterBody: 'lake' });
    expect(lake).toMatchObject({ class: 'II', referenceItems: ['TN', 'FecalColiform'], assessedItems: ['COD', 'TP'] });
    expect(lake.itemClasses.TN).toBe('V');
    expect(lake.itemClasses.FecalColiform).toBe('V');
    const counted = assess({ COD: 10, TP: 0.02, TN: 1.8 }, { waterBody: 'lake', includeReferenceItems: ['TN'] });
    expect(counted.class).toBe('V');
    expect(counted.mainPollutants).toEqual([{ item: 'TN', class: 'V', value: 1.8, classIIILimit: 1, exceedanceMultiple: 0.8 }]);
    const river = assess({ COD: 10, TN: 5 }, { includeReferenceItems: ['TN'] });
    expect(river).toMatchObject({ class: 'I', unclassifiedItems: ['TN'] });
    expect(river.itemClasses.TN).toBeUndefined();
  });

  it('rounds exceedance multiples per option and limits the list', () => {
    const sample = { Hg: 0.00053, COD: 41, 'NH3-N': 1.6, TP: 0.45 };
    expect(assess(sample).mainPollutants.map((p) => [p.item, p.exceedanceMultiple])).toEqual([['Hg', 4.3], ['TP', 1.25], ['COD', 1.05]]);
    expect(assess(sample, { exceedanceDecimals: 0, mainPollutantLimit: 4 }).mainPollutants.map((p) => p.exceedanceMultiple)).toEqual([4, 1, 1, 1]);
    expect(assess(sample, { exceedanceDecimals: null }).mainPollutants[0]!.exceedanceMultiple).toBeCloseTo(4.3, 10);
  });

  it('returns typed errors', () => {
    expect(assessWaterSample({ COD: -1 })).toMatchObject({ ok: false, error: { code: 'INVALID_VALUE', item: 'COD' } });
    expect(assessWaterSample({ COD: Number.NaN })).toMatchObject({ ok: false, error: { code: 'INVALID_VALUE' } });
    expect(assessWaterSample({})).toMatchObject({ ok: false, error: { code: 'NO_ASSESSED_ITEMS' } });
    expect(assessWaterSample({ TN: 1 })).toMatchObject({ ok: false, error: { code: 'NO_ASSESSED_ITEMS' } });
  });
});
