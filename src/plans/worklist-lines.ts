/**
 * The lines and counts of `$worklist`, and the order of its lines, shared by the path that reads
 * the plans (worklist.ts) and the path that asks the open-visit index (worklist-indexed.ts).
 * @module
 */

/** One line of the worklist. */
export interface WorklistLine {
  kind: 'visit' | 'referral';
  state: 'overdue' | 'due' | 'open';
  subject: fhir4.Patient;
  urgency: number;
  daysOverdue?: number;
  visitType?: string;
  window?: fhir4.Period;
  reason: string;
  focus: string;
  priority?: string;
}

/** Counts per state. */
export type WorklistCounts = Record<
  'overdue' | 'due' | 'upcoming' | 'completed' | 'cancelled' | 'openReferrals',
  number
>;

/** Most urgent first; among equals, the window that closes first. */
export function byUrgency(a: WorklistLine, b: WorklistLine): number {
  return b.urgency - a.urgency || (a.window?.end ?? '').localeCompare(b.window?.end ?? '');
}
