/**
 * The open-visit index (decision 026) as a restricted caller may use it: every query is narrowed
 * to the patients of the caller's compartment, by the same `attached-to` and
 * `general-practitioner` index rows its searches are narrowed by, so a polyclinic's or a region's
 * `$worklist` stays a few indexed range queries instead of a read of every plan (decision 031).
 * @module
 */
import {
  MAX_SUBJECT_REFERENCES,
  type PlanActivityIndex,
  type PlanActivityScope,
  type SubjectCondition,
} from '../storage/plan-activity-index.js';
import { subjectConditionsOf } from './compartment.js';
import type { RequestAccess } from './request-access.js';

/** `inner` narrowed to the patients `access` admits. */
export function narrowedPlanIndex(inner: PlanActivityIndex, access: RequestAccess): PlanActivityIndex {
  /** The conditions, or `undefined` when the index cannot express the compartment within its binds. */
  async function conditions(): Promise<SubjectCondition[] | undefined> {
    const filter = await access.filter();
    if (filter === 'all') return [];
    const found = subjectConditionsOf(filter);
    const references = found?.reduce((sum, c) => sum + c.references.length, 0) ?? Infinity;
    return references <= MAX_SUBJECT_REFERENCES ? found : undefined;
  }
  /** The scope narrowed; `undefined` (the caller asked although the index is not usable): nothing. */
  async function narrowed(scope: PlanActivityScope): Promise<PlanActivityScope | undefined> {
    const subjects = await conditions();
    return subjects ? { ...scope, subjects: [...(scope.subjects ?? []), ...subjects] } : undefined;
  }
  return {
    async usable() {
      return (await conditions()) !== undefined && ((await inner.usable?.()) ?? true);
    },
    async openVisits(scope, limit) {
      const within = await narrowed(scope);
      return within ? inner.openVisits(within, limit) : [];
    },
    async counts(scope) {
      const within = await narrowed(scope);
      return within ? inner.counts(within) : { overdue: 0, due: 0, upcoming: 0, completed: 0, cancelled: 0 };
    },
    // The subjects asked about come from the caller's own (guarded) searches.
    subjectsWithPlans: (performer, subjects) => inner.subjectsWithPlans(performer, subjects),
  };
}
