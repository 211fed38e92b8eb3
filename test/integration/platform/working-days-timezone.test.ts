import { describe, expect, it } from 'vitest';
import { beijingDate } from '../../../src/server/platform/beijing-dates';
import { createWorkingDayCalendar } from '../../../src/server/platform/working-days';

// chinese-days' own date functions answer for the previous day west of UTC
// (catalog-standards.md §5.2); the wrapper must give the same answers in any host zone.
describe('working-day calendar under a host time zone west of UTC', () => {
  it('answers as in Beijing', () => {
    const previous = process.env.TZ;
    try {
      process.env.TZ = 'America/New_York';
      const calendar = createWorkingDayCalendar();
      expect(calendar.isWorkingDay('2026-01-01')).toBe(false);
      expect(calendar.isWorkingDay('2026-01-04')).toBe(true);
      expect(calendar.addWorkingDays('2026-02-10', 10)).toBe('2026-03-02');
      expect(beijingDate(Date.UTC(2026, 10, 27, 16, 30))).toBe('2026-11-28');
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
  });
});
