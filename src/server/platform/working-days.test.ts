import { describe, expect, it } from 'vitest';
import { beijingDate } from './beijing-dates';
import {
  CalendarNotCoveredError,
  calendarMaintenanceWarning,
  createWorkingDayCalendar,
  lastMomentOfBeijingDay,
  packageCoveredYears,
  parseWorkingDayOverrides,
} from './working-days';

const calendar = createWorkingDayCalendar();

describe('working-day calendar (dates verified in catalog-standards.md §5)', () => {
  it('knows the 2026 makeup working days (调休上班) and the Spring Festival', () => {
    for (const date of ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']) {
      expect(calendar.isWorkingDay(date), date).toBe(true);
    }
    for (const date of ['2026-01-01', '2026-02-15', '2026-02-23', '2026-10-01', '2026-10-07']) {
      expect(calendar.isWorkingDay(date), date).toBe(false);
    }
  });

  it('treats 除夕 2024 as a working day and 除夕 2025 as a holiday', () => {
    expect(calendar.isWorkingDay('2024-02-09')).toBe(true);
    expect(calendar.isWorkingDay('2025-01-28')).toBe(false);
  });

  it('adds working days from the day after the start', () => {
    expect(calendar.addWorkingDays('2026-02-10', 10)).toBe('2026-03-02');
    expect(calendar.addWorkingDays('2026-09-25', 10)).toBe('2026-10-15');
    // A Friday: the next working day is Monday.
    expect(calendar.addWorkingDays('2026-11-27', 1)).toBe('2026-11-30');
  });

  it('counts working days between dates in both directions', () => {
    expect(calendar.workingDaysBetween('2026-02-10', '2026-03-02')).toBe(10);
    expect(calendar.workingDaysBetween('2026-03-02', '2026-02-10')).toBe(-10);
    expect(calendar.workingDaysBetween('2026-11-28', '2026-11-28')).toBe(0);
    expect(calendar.workingDaysBetween('2026-11-28', '2026-11-30')).toBe(1);
  });

  it('fails loudly for a year the package does not cover', () => {
    const beyond = Math.max(...packageCoveredYears()) + 1;
    expect(() => calendar.isWorkingDay(`${beyond}-03-03`)).toThrow(CalendarNotCoveredError);
    expect(() => calendar.addWorkingDays(`${beyond - 1}-12-28`, 10)).toThrow(CalendarNotCoveredError);
    try {
      calendar.addWorkingDays(`${beyond - 1}-12-28`, 10);
    } catch (error) {
      expect((error as CalendarNotCoveredError).years).toEqual([beyond]);
    }
  });

  it('rejects malformed and impossible dates', () => {
    expect(() => calendar.isWorkingDay('2026-2-1')).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-02-10', 0)).toThrow(RangeError);
  });

  it('converts between instants and Beijing dates', () => {
    // 2026-11-27 23:59:59.999 Beijing = 15:59:59.999 UTC.
    expect(lastMomentOfBeijingDay('2026-11-27')).toBe(Date.UTC(2026, 10, 27, 15, 59, 59, 999));
    expect(beijingDate(Date.UTC(2026, 10, 27, 15, 59, 59, 999))).toBe('2026-11-27');
    expect(beijingDate(Date.UTC(2026, 10, 27, 16, 0))).toBe('2026-11-28');
  });
});

describe('override table', () => {
  it('covers a year the package lacks once the year is declared complete, and changes the version', () => {
    const beyond = Math.max(...packageCoveredYears()) + 1;
    const { overrides, problems } = parseWorkingDayOverrides(`${beyond}-01-01:off,${beyond}-01-02:work`, `${beyond}`);
    expect(problems).toEqual([]);
    const withOverrides = createWorkingDayCalendar(overrides);
    expect(withOverrides.isCovered(beyond)).toBe(true);
    expect(withOverrides.isWorkingDay(`${beyond}-01-01`)).toBe(false);
    expect(withOverrides.isWorkingDay(`${beyond}-01-02`)).toBe(true);
    expect(withOverrides.version).toMatch(/^chinese-days@\d+\.\d+\.\d+\+overrides:[0-9a-f]{12}$/);
    expect(calendar.version).toMatch(/^chinese-days@\d+\.\d+\.\d+$/);
  });

  it('overrides a day of a covered year (a provincial arrangement)', () => {
    const { overrides } = parseWorkingDayOverrides('2026-11-30:off', '');
    expect(createWorkingDayCalendar(overrides).isWorkingDay('2026-11-30')).toBe(false);
  });

  it('lists every malformed entry', () => {
    const { problems } = parseWorkingDayOverrides('2027-13-01:off,2027-01-02:maybe,junk', '27,2030');
    expect(problems).toHaveLength(5);
  });
});

describe('maintenance alarm: next year in the holiday calendar', () => {
  // Beijing noon on the given date, as UTC epoch ms.
  const at = (date: string) => Date.parse(`${date}T12:00:00+08:00`);
  const covering = (...years: number[]) => ({ version: 'test', isCovered: (year: number) => years.includes(year) });

  it('stays quiet before December, and in December once next year is in', () => {
    expect(calendarMaintenanceWarning(covering(2026), at('2026-11-30'))).toBeNull();
    expect(calendarMaintenanceWarning(covering(2026, 2027), at('2026-12-01'))).toBeNull();
  });

  it('warns from December 1st (Beijing) when next year is missing, and always when this year is', () => {
    expect(calendarMaintenanceWarning(covering(2026), at('2026-12-01'))).toMatch(/no holidays for 2027.*npm update chinese-days/);
    // 30 November 17:00 UTC is already 1 December in Beijing.
    expect(calendarMaintenanceWarning(covering(2026), Date.UTC(2026, 10, 30, 17, 0))).toMatch(/2027/);
    expect(calendarMaintenanceWarning(covering(2025), at('2026-06-01'))).toMatch(/current year 2026/);
  });

  it('knows the years of the installed package', () => {
    expect(calendar.isCovered(2026)).toBe(true);
  });
});
