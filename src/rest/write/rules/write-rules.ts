/**
 * Rules of a resource type that judge a write by what it replaces: the previous current version
 * and the next one. The write pipeline runs them on every create, update and patch (HTTP, batch
 * and transaction entries, conditional forms alike) after validation and before the commit,
 * against the version the commit will replace: the commit expects that version, and a write
 * that loses a race is planned again on the winner's version (decision 013), so a rule never
 * passes a change from a stale read. A rule returns issues (an error refuses the write, 422);
 * it reads nothing and throws nothing.
 * @see https://hl7.org/fhir/R4/http.html#update
 * @module
 */
import type { Issue } from '../../../fhir/outcome.js';
import { refuseClientZScores } from './computed-zscores.js';
import { checkTaskStatus } from './task-state.js';

/** A change of one resource: `previous` is absent for a create (or a write over a deleted one). */
export interface ResourceChange {
  previous?: fhir4.Resource;
  next: fhir4.Resource;
  /** True when the gateway itself writes (a write reaction), not a client. */
  byGateway?: boolean;
}

/** One rule on changes of one resource type. */
export type WriteRule = (change: ResourceChange) => Issue[];

/** The rules of each resource type; a type without an entry has none. */
export const WRITE_RULES: Readonly<Record<string, readonly WriteRule[]>> = {
  Observation: [refuseClientZScores],
  Task: [checkTaskStatus],
};

/** Issues of every rule of the type of `change.next`. */
export function checkWriteRules(change: ResourceChange): Issue[] {
  const rules = WRITE_RULES[change.next.resourceType];
  return rules ? rules.flatMap((rule) => rule(change)) : [];
}
