/**
 * Visit windows from the programme schedule (`programme-parameters.ts`): pure date arithmetic,
 * no storage. Rules, each documented in docs/decisions/026-visit-plans.md:
 * - Child visits count from the birth date in calendar months (month ends clamp: a child born on
 *   31 January has the one-month visit due on 28 or 29 February; one born on 29 February has the
 *   twelve-month visit due on 28 February). Preterm children follow their chronological age: the
 *   schedule is a visiting calendar, not a development assessment.
 * - The newborn visit counts from the discharge date (the birth date when none is known); its
 *   window closes the same day when a `sameDayIf` condition holds (high neonatal risk group,
 *   multiple birth, preterm). No visit is due before discharge: a window that closes before it
 *   is cancelled (the child was in hospital; the newborn visit takes its place), one that opens
 *   before it opens at discharge.
 * - Antenatal visits count from the last menstrual period, or from the due date minus 280 days.
 *   A visit "by week N" opens at registration; registered after week N, it is due within the
 *   `lateBooking` period. A window already closed at registration is cancelled.
 * @module
 */
import { addDuration, type CalendarDate } from './calendar-dates.js';
import type { ScheduledVisit } from './programme-parameters.js';

/** One visit of a plan with its window (inclusive dates). */
export interface VisitWindow {
  code: string;
  due: CalendarDate;
  start: CalendarDate;
  end: CalendarDate;
  /** Set when the visit cannot happen (window closed before discharge or registration). */
  cancelledBecause?: string;
}

/** What a child's schedule depends on. */
export interface ChildScheduleInput {
  birthDate: CalendarDate;
  dischargeDate?: CalendarDate | undefined;
  /** Conditions present, as `sameDayIf` names them (`neonatal-risk-group:high`, `preterm`, …). */
  conditions?: ReadonlySet<string>;
}

/** What a pregnancy's schedule depends on: one of `lmp` and `edd`, and the registration date. */
export interface PregnancyScheduleInput {
  lmp?: CalendarDate | undefined;
  edd?: CalendarDate | undefined;
  registered: CalendarDate;
}

const later = (a: CalendarDate, b: CalendarDate): CalendarDate => (a > b ? a : b);

/** The window of `visit` due on `due`: the configured one, or the due day alone. */
function windowAround(visit: ScheduledVisit, due: CalendarDate): VisitWindow {
  if (!visit.window) return { code: visit.code, due, start: due, end: due };
  return {
    code: visit.code,
    due,
    start: addDuration(due, visit.window.before, -1),
    end: addDuration(due, visit.window.after),
  };
}

/** Opens `window` no earlier than `from`; cancels it when it closed before `from`. */
function notBefore(window: VisitWindow, from: CalendarDate, because: string): VisitWindow {
  if (window.end < from) return { ...window, cancelledBecause: because };
  return { ...window, start: later(window.start, from), due: later(window.due, from) };
}

/** The child's visits in schedule order. */
export function childSchedule(visits: readonly ScheduledVisit[], input: ChildScheduleInput): VisitWindow[] {
  const discharge = input.dischargeDate ?? input.birthDate;
  const conditions = input.conditions ?? new Set<string>();
  return visits.map((visit) => {
    if (visit.anchor === 'discharge') {
      const window = windowAround(visit, addDuration(discharge, visit.due));
      const sameDay = (visit.sameDayIf ?? []).some((condition) => conditions.has(condition));
      return sameDay ? { ...window, end: window.start } : window;
    }
    const window = windowAround(visit, addDuration(input.birthDate, visit.due));
    return notBefore(
      window,
      discharge,
      'the child was still in hospital; the newborn visit after discharge replaces it',
    );
  });
}

/** The first day of the last menstrual period, given or derived from the due date. */
export function lastMenstrualPeriod(input: PregnancyScheduleInput, fromEdd: ScheduledVisit['due']): CalendarDate {
  if (input.lmp) return input.lmp;
  if (input.edd) return addDuration(input.edd, fromEdd, -1);
  throw new RangeError('a pregnancy schedule needs the last menstrual period or the estimated due date');
}

/** The pregnancy's visits in schedule order. */
export function antenatalSchedule(
  visits: readonly ScheduledVisit[],
  input: PregnancyScheduleInput,
  fromEdd: ScheduledVisit['due'],
): VisitWindow[] {
  const lmp = lastMenstrualPeriod(input, fromEdd);
  return visits.map((visit) => {
    const due = addDuration(lmp, visit.due);
    if (visit.due.comparator === '<=') {
      if (input.registered <= due) return { code: visit.code, due, start: later(lmp, input.registered), end: due };
      if (visit.lateBooking) {
        const end = addDuration(input.registered, visit.lateBooking.after);
        return { code: visit.code, due: input.registered, start: input.registered, end };
      }
    }
    return notBefore(windowAround(visit, due), input.registered, 'the pregnancy was registered after this window');
  });
}
