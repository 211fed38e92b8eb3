import { describe, expect, it } from 'vitest';
import { computeFigures, median, type Facts } from './figures.compute';

const at = (iso: string) => Date.parse(`${iso}+08:00`);
const NOW = at('2026-11-28T12:00:00');

function facts(): Facts {
  return {
    datasets: [
      { ownerProvinceCode: '320000', theme: 'air', sharingType: 'unconditional', status: 'published', publishedAt: at('2026-09-10T10:00:00'), freshness: 'fresh' },
      { ownerProvinceCode: '320000', theme: 'water', sharingType: 'conditional', status: 'published', publishedAt: at('2026-10-31T23:30:00'), freshness: 'overdue' },
      { ownerProvinceCode: '340000', theme: 'water', sharingType: 'not_shared', status: 'published', publishedAt: at('2026-11-01T00:30:00'), freshness: 'due' },
      { ownerProvinceCode: '340000', theme: 'air', sharingType: 'unconditional', status: 'draft', publishedAt: null, freshness: 'fresh' },
    ],
    duties: [
      { provinceCode: '320000', overdue: false },
      { provinceCode: '340000', overdue: true },
    ],
    requests: [
      // Answered in time after 3 working days; answered late after 12; refused; still pending past its deadline.
      { ownerProvinceCode: '320000', status: 'approved', submittedAt: at('2026-10-08T09:00:00'), decidedAt: at('2026-10-13T09:00:00'), deadlineAt: at('2026-10-22T23:59:59'), answerWorkingDays: 3 },
      { ownerProvinceCode: '320000', status: 'partially_approved', submittedAt: at('2026-10-09T09:00:00'), decidedAt: at('2026-10-27T09:00:00'), deadlineAt: at('2026-10-23T23:59:59'), answerWorkingDays: 12 },
      { ownerProvinceCode: '340000', status: 'refused', submittedAt: at('2026-11-02T09:00:00'), decidedAt: at('2026-11-04T09:00:00'), deadlineAt: at('2026-11-16T23:59:59'), answerWorkingDays: 2 },
      { ownerProvinceCode: '340000', status: 'pending', submittedAt: at('2026-11-03T09:00:00'), decidedAt: null, deadlineAt: at('2026-11-17T23:59:59'), answerWorkingDays: null },
    ],
    releases: [
      { ownerProvinceCode: '320000', status: 'superseded', submittedAt: at('2026-09-11T09:00:00'), decidedAt: at('2026-09-12T09:00:00') },
      { ownerProvinceCode: '320000', status: 'accepted', submittedAt: at('2026-11-01T09:00:00'), decidedAt: at('2026-11-02T09:00:00') },
      { ownerProvinceCode: '340000', status: 'submitted', submittedAt: at('2026-11-20T09:00:00'), decidedAt: null },
    ],
    validations: [
      { ownerProvinceCode: '320000', at: at('2026-11-01T08:00:00'), passed: false },
      { ownerProvinceCode: '320000', at: at('2026-11-01T08:30:00'), passed: true },
    ],
    exchanges: [
      { ownerProvinceCode: '320000', consumerOrganisationId: 'ah', at: at('2026-11-05T00:00:00'), exchanges: 3, rows: 300 },
      { ownerProvinceCode: '320000', consumerOrganisationId: 'zj', at: at('2026-11-06T00:00:00'), exchanges: 1, rows: 10 },
      { ownerProvinceCode: '340000', consumerOrganisationId: 'js', at: at('2026-10-06T00:00:00'), exchanges: 2, rows: 20 },
    ],
  };
}

describe('sharing figures', () => {
  it('counts the region: published datasets by type and theme, timeliness, duties, requests, releases, consumers', () => {
    const figures = computeFigures(facts(), '000000', NOW);
    expect(figures.datasets).toMatchObject({ published: 3, bySharingType: { unconditional: 1, conditional: 1, not_shared: 1 }, fresh: 1, due: 1, overdue: 1 });
    expect(figures.datasets.unconditionalShare).toBeCloseTo(1 / 3);
    expect(figures.datasets.byTheme).toEqual([
      { theme: 'air', unconditional: 1, conditional: 0, not_shared: 0 },
      { theme: 'water', unconditional: 0, conditional: 1, not_shared: 1 },
    ]);
    expect(figures.duties).toEqual({ active: 2, onTime: 1, overdue: 1 });
    expect(figures.requests).toMatchObject({ submitted: 4, pending: 1, approved: 1, partiallyApproved: 1, refused: 1, overdue: 2, medianAnswerWorkingDays: 3 });
    expect(figures.requests.answeredInTime).toBeCloseTo(2 / 3);
    expect(figures.releases).toEqual({ accepted: 2, awaitingReview: 1, correctionRequested: 0 });
    expect(figures.validation).toEqual({ uploads: 2, passed: 1, passRate: 0.5 });
    expect(figures.consumers).toEqual({ organisations: 3, exchanges: 6, rows: 330 });
  });

  it('narrows to one province by the owner of the data', () => {
    const figures = computeFigures(facts(), '340000', NOW);
    expect(figures.datasets.published).toBe(1);
    expect(figures.requests).toMatchObject({ submitted: 2, overdue: 1, medianAnswerWorkingDays: 2 });
    expect(figures.consumers).toEqual({ organisations: 1, exchanges: 2, rows: 20 });
    expect(computeFigures(facts(), '310000', NOW).datasets.unconditionalShare).toBeNull();
  });

  it('builds monthly trends in Beijing months, cumulative for the catalog', () => {
    const trend = computeFigures(facts(), '000000', NOW).trend;
    expect(trend.map((point) => point.month)).toEqual(['2026-09', '2026-10', '2026-11']);
    // 23:30 on 31 October (Beijing) is still October; 00:30 on 1 November is November.
    expect(trend.map((point) => point.publishedDatasets)).toEqual([1, 2, 3]);
    expect(trend[1]).toMatchObject({ requestsSubmitted: 2, requestsAnswered: 2, medianAnswerWorkingDays: 7.5, exchanges: 2, consumerOrganisations: 1 });
    expect(trend[2]).toMatchObject({ releasesAccepted: 1, validationPassRate: 0.5, exchanges: 4, consumerOrganisations: 2 });
    expect(trend[0]).toMatchObject({ releasesAccepted: 1, unconditionalShare: 1, validationPassRate: null });
  });

  it('takes the median of an even count as the mean of the middle two', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
