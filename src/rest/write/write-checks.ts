/**
 * The extension point of the write pipeline: checks that run after a write is validated and
 * indexed, inside the pipeline, before the commit (referential integrity, unique business
 * identifiers). A check answers with the guard rows its rule needs at commit time, added to the
 * same unit of work so no concurrent request can slip between check and commit, or with the
 * issues that refuse the write (422; a check that needs another status throws a `FhirError`).
 * @module
 */
import { FhirError, hasErrors, type Issue } from '../../fhir/outcome.js';
import type { ResourceWrite } from '../../storage/port.js';
import type { RestContext } from '../context.js';
import { mergeGuards, type UnitGuards } from './write-plan.js';

/** What a {@link WriteCheck} sees besides the write it checks. */
export interface WriteCheckContext {
  rest: RestContext;
  /**
   * Every write of the same unit of work (the write itself included): a transaction's other
   * entries, so a reference to a resource the same Bundle creates is known to exist.
   */
  unit: readonly ResourceWrite[];
}

/** One rule checked on every write (deletes included: `write.resource` is then absent). */
export type WriteCheck = (write: ResourceWrite, ctx: WriteCheckContext) => Promise<UnitGuards | Issue[]>;

/** Runs the context's write checks on `write`; returns their guards or throws 422 with their issues. */
export async function runWriteChecks(
  ctx: RestContext,
  write: ResourceWrite,
  unit: readonly ResourceWrite[],
): Promise<UnitGuards> {
  let guards: UnitGuards = {};
  for (const check of ctx.writeChecks ?? []) {
    const answer = await check(write, { rest: ctx, unit });
    if (Array.isArray(answer)) {
      if (hasErrors(answer)) throw new FhirError(422, answer);
      continue;
    }
    guards = mergeGuards(guards, answer);
  }
  return guards;
}
