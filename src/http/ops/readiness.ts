/**
 * Readiness checks: each names what it checks and says what is wrong, or nothing when all is
 * well. `/readyz` runs them all; any failure makes it 503.
 * @module
 */
import { igResources } from '../../ig/ig-resources.js';
import type { ResourceStore } from '../../storage/port.js';

/** One check of `/readyz`: resolves to a problem, or `undefined` when ready. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<string | undefined>;
}

/** The result of one check, as `/readyz` lists it. */
export interface CheckResult {
  name: string;
  ok: boolean;
  problem?: string;
}

/** Runs every check; a check that throws counts as failed with its message. */
export async function runReadinessChecks(checks: readonly ReadinessCheck[]): Promise<CheckResult[]> {
  return Promise.all(
    checks.map(async ({ name, check }) => {
      try {
        const problem = await check();
        return problem === undefined ? { name, ok: true } : { name, ok: false, problem };
      } catch (thrown) {
        return { name, ok: false, problem: thrown instanceof Error ? thrown.message : String(thrown) };
      }
    }),
  );
}

/**
 * The guide is loaded when every one of its resources is stored, current and not deleted; the
 * read also proves the database answers.
 */
export function guideLoadedCheck(store: ResourceStore): ReadinessCheck {
  return {
    name: 'implementation-guide',
    check: async () => {
      const guide = igResources();
      const stored = await Promise.all(guide.map((r) => store.readCurrent(r.resourceType, r.id)));
      const missing = guide.filter((_, i) => !stored[i] || stored[i]!.deleted);
      return missing.length === 0
        ? undefined
        : `${missing.length} of ${guide.length} guide resources are not stored (first: ${missing[0]!.resourceType}/${missing[0]!.id})`;
    },
  };
}
