/**
 * A write committed alone (an HTTP request, a batch entry): the whole pipeline in one unit of
 * work, under the one retry policy for lost races. A lost race (the unit's precondition no
 * longer holds at commit) runs the interaction again from the start: it re-resolves the target
 * and re-checks the client's preconditions, so a stale `If-Match` answers 412, a conditional
 * create that now has a match answers 200 with it, and "last writer wins" writes win.
 * @see https://hl7.org/fhir/R4/http.html#concurrency
 * @module
 */
import { conflict, type Issue } from '../../fhir/outcome.js';
import { WriteConflictError, type UnitOfWork } from '../../storage/port.js';
import type { RestContext, RestResult } from '../context.js';
import { assertCanonicalTargets } from './check-canonicals.js';
import { planWrite } from './plan-write.js';
import { runReactions } from './reactions.js';
import { resolveTarget } from './resolve-target.js';
import type { WriteInteraction, WritePlan } from './write-plan.js';

/**
 * How often a write runs when others keep committing first. Each round lets at least one of the
 * competing writers win, so N concurrent writers to one resource need at most N rounds; beyond
 * this bound the request gets a 409 OperationOutcome instead of spinning.
 */
export const LOST_RACE_ATTEMPTS = 20;

/** Runs `interaction` through the pipeline and commits it alone. */
export async function runWrite(ctx: RestContext, interaction: WriteInteraction): Promise<RestResult> {
  for (let attempt = 0; attempt < LOST_RACE_ATTEMPTS; attempt++) {
    const plan = await planWrite(ctx, await resolveTarget(ctx, interaction));
    if (!plan.write) return planResult(plan);
    await assertCanonicalTargets(ctx, plan);
    if (await tryCommit(ctx, { writes: [plan.write], ...plan.guards })) {
      return withIssues(planResult(plan), await runReactions(ctx, [plan.write]));
    }
  }
  const what = interaction.id ? `${interaction.resourceType}/${interaction.id}` : `the ${interaction.resourceType}`;
  throw conflict(`Concurrent requests kept changing ${what}; nothing was written, retry`);
}

/** The interaction's result once its plan is committed. */
export function planResult(plan: WritePlan): RestResult {
  const { existing, write } = plan;
  if (existing) return { status: 200, resource: existing.resource!, version: existing };
  const result: RestResult = { status: plan.status };
  if (write) result.version = write;
  if (write?.resource) result.resource = write.resource;
  if (plan.issues.length) result.issues = plan.issues;
  return result;
}

/** `result` with `issues` added (warnings of reactions that failed). */
export function withIssues(result: RestResult, issues: readonly Issue[]): RestResult {
  if (issues.length === 0) return result;
  return { ...result, issues: [...(result.issues ?? []), ...issues] };
}

/** Commits a unit; false when a precondition no longer holds (another request won). */
async function tryCommit(ctx: RestContext, unit: UnitOfWork): Promise<boolean> {
  try {
    await ctx.store.commit(unit);
    return true;
  } catch (error) {
    if (error instanceof WriteConflictError) return false;
    throw error;
  }
}
