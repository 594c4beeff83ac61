/**
 * What processing a message writes: the transaction entries, which message entry each came from
 * (to locate an error the transaction reports), and the records the response names.
 * @module
 */
import type { Issue } from '../../fhir/outcome.js';

/** A message turned into writes, or the located reasons it cannot be. */
export type MessagePlan =
  | {
      entries: fhir4.BundleEntry[];
      /** The message entry index of each transaction entry. */
      sourceIndex: number[];
      focus: fhir4.Reference[];
    }
  | { issues: Issue[] };
