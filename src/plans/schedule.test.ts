import { describe, expect, it } from 'vitest';
import { addMonths, isCalendarDate } from './calendar-dates.js';
import { programmeParameters } from './programme-parameters.js';
import { antenatalSchedule, childSchedule, type VisitWindow } from './schedule.js';

// Every expected date below was counted by hand on a calendar, not computed by the code under test.
const schedule = programmeParameters().visitSchedule;
const windows = (visits: VisitWindow[]) =>
  visits.map((v) => [v.code, v.start, v.end, v.cancelledBecause ? 'cancelled' : 'open']);

describe('calendar months', () => {
  it('clamps month ends and 29 February', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-07-31', -1)).toBe('2025-06-30');
  });

  it('knows real dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2023-2-1')).toBe(false);
  });
});

describe('child schedule', () => {
  it('child born 31 January 2024 (leap year), discharged on day 2', () => {
    const visits = childSchedule(schedule.child, { birthDate: '2024-01-31', dischargeDate: '2024-02-02' });
    expect(windows(visits)).toEqual([
      ['NB-3D', '2024-02-02', '2024-02-05', 'open'],
      ['U-1M', '2024-02-22', '2024-03-07', 'open'],
      ['U-2M', '2024-03-24', '2024-04-07', 'open'],
      ['U-3M', '2024-04-23', '2024-05-07', 'open'],
      ['U-6M', '2024-07-17', '2024-08-14', 'open'],
      ['U-9M', '2024-10-17', '2024-11-14', 'open'],
      ['U-12M', '2025-01-17', '2025-02-14', 'open'],
      ['U-18M', '2025-06-30', '2025-08-31', 'open'],
      ['U-24M', '2025-12-31', '2026-02-28', 'open'],
      ['U-36M', '2026-12-31', '2027-02-28', 'open'],
    ]);
  });

  it('child born 29 February 2024 in the high neonatal risk group: newborn visit the same day', () => {
    const visits = childSchedule(schedule.child, {
      birthDate: '2024-02-29',
      dischargeDate: '2024-03-03',
      conditions: new Set(['neonatal-risk-group:high']),
    });
    const byCode = Object.fromEntries(visits.map((v) => [v.code, [v.start, v.end]]));
    expect(byCode['NB-3D']).toEqual(['2024-03-03', '2024-03-03']);
    expect(byCode['U-1M']).toEqual(['2024-03-22', '2024-04-05']);
    expect(byCode['U-12M']).toEqual(['2025-02-14', '2025-03-14']);
    expect(byCode['U-24M']).toEqual(['2026-01-28', '2026-03-28']);
    expect(byCode['U-36M']).toEqual(['2027-01-28', '2027-03-28']);
  });

  it('preterm child discharged on day 40: the one-month visit is cancelled, the newborn visit the same day', () => {
    const visits = childSchedule(schedule.child, {
      birthDate: '2025-03-10',
      dischargeDate: '2025-04-19',
      conditions: new Set(['preterm']),
    });
    expect(windows(visits.slice(0, 3))).toEqual([
      ['NB-3D', '2025-04-19', '2025-04-19', 'open'],
      ['U-1M', '2025-04-03', '2025-04-17', 'cancelled'],
      ['U-2M', '2025-05-03', '2025-05-17', 'open'],
    ]);
  });

  it('discharge on day 5: the newborn window counts from discharge, later visits from birth', () => {
    const visits = childSchedule(schedule.child, { birthDate: '2025-06-28', dischargeDate: '2025-07-03' });
    expect(windows(visits.slice(0, 2))).toEqual([
      ['NB-3D', '2025-07-03', '2025-07-06', 'open'],
      ['U-1M', '2025-07-21', '2025-08-04', 'open'],
    ]);
  });
});

describe('antenatal schedule', () => {
  const fromEdd = schedule.pregnancyFromEdd;

  it('registered at week 5 from the last menstrual period', () => {
    const visits = antenatalSchedule(schedule.antenatal, { lmp: '2026-01-05', registered: '2026-02-10' }, fromEdd);
    expect(windows(visits)).toEqual([
      ['AN1', '2026-02-10', '2026-03-30', 'open'],
      ['AN2', '2026-08-03', '2026-08-17', 'open'],
    ]);
  });

  it('registered at week 19 from the due date: the first visit is due within 14 days of registration', () => {
    const visits = antenatalSchedule(schedule.antenatal, { edd: '2026-10-12', registered: '2026-05-20' }, fromEdd);
    expect(windows(visits)).toEqual([
      ['AN1', '2026-05-20', '2026-06-03', 'open'],
      ['AN2', '2026-08-03', '2026-08-17', 'open'],
    ]);
  });

  it('registered at week 32: the second visit window has closed', () => {
    const visits = antenatalSchedule(schedule.antenatal, { edd: '2026-10-12', registered: '2026-08-20' }, fromEdd);
    expect(windows(visits)).toEqual([
      ['AN1', '2026-08-20', '2026-09-03', 'open'],
      ['AN2', '2026-08-03', '2026-08-17', 'cancelled'],
    ]);
  });
});
