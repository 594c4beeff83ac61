/**
 * The write entries of a transaction, planned through the write pipeline without committing:
 * every target first (conditional forms search now), then `urn:uuid:` and conditional
 * references rewritten to the ids found, then each new version checked, validated and indexed.
 * The caller commits all of it at once (decision 011); the integrity guards are added to that
 * unit by the store the context holds (`rest/integrity/integrity-guards.ts`).
 * @see https://hl7.org/fhir/R4/http.html#trules
 * @module
 */
import { badRequest } from '../fhir/outcome.js';
import { locateError, type ParsedEntry } from './bundle-entries.js';
import type { RestContext } from './context.js';
import {
  assertPlaceholdersResolved,
  collectReferences,
  resolveConditionalReferences,
  rewriteReferences,
  type ReferenceSite,
} from './reference-rewrite.js';
import { assertCanonicalTargets } from './write/check-canonicals.js';
import { planWrite } from './write/plan-write.js';
import { resolveTarget } from './write/resolve-target.js';
import { mergeGuards, type UnitGuards, type WriteInteraction, type WritePlan } from './write/write-plan.js';
import { createYieldPoint } from './yield-point.js';

/** One write entry and its plan. */
export interface EntryPlan {
  entry: ParsedEntry;
  plan: WritePlan;
}

/** The planned writes of a transaction (in processing order) and the guards of its unit of work. */
export interface PlannedWrites {
  plans: EntryPlan[];
  guards: UnitGuards;
}

/** Plans the write entries `writers`, given in processing order (DELETE, POST, PUT/PATCH). */
export async function planWrites(ctx: RestContext, writers: readonly ParsedEntry[]): Promise<PlannedWrites> {
  const plans: EntryPlan[] = [];
  const deleted = new Set<string>();
  const yieldPoint = createYieldPoint();
  for (const entry of writers) {
    await yieldPoint();
    const interaction = entry.interaction as WriteInteraction;
    const plan = await locatedAsync(entry.index, () => resolveTarget(ctx, interaction, { deleted }));
    if (interaction.kind === 'delete' && plan.target) deleted.add(`${plan.target.resourceType}/${plan.target.id}`);
    plans.push({ entry, plan });
  }
  await rewriteAllReferences(ctx, plans);
  for (const item of plans) {
    await yieldPoint();
    item.plan = await locatedAsync(item.entry.index, () => planWrite(ctx, item.plan));
    const planned = item.plan;
    await locatedAsync(item.entry.index, () => assertCanonicalTargets(ctx, planned));
  }
  let guards: UnitGuards = {};
  for (const { plan } of plans) guards = mergeGuards(guards, plan.guards);
  return { plans, guards };
}

/** Placeholders to the ids planned, conditional references to their one match; located on failure. */
async function rewriteAllReferences(ctx: RestContext, plans: readonly EntryPlan[]): Promise<void> {
  const mapping = referenceMapping(plans);
  const sites = new Map<number, ReferenceSite[]>();
  for (const { entry } of plans) {
    const { interaction } = entry;
    if (interaction.kind !== 'create' && interaction.kind !== 'update') continue;
    sites.set(entry.index, collectReferences(interaction.resource, `Bundle.entry[${entry.index}].resource`));
  }
  const conditional = new Map<string, string>();
  for (const [index, found] of sites) {
    const fresh = found.filter((site) => !conditional.has(site.holder.reference));
    for (const [from, to] of await locatedAsync(index, () => resolveConditionalReferences(ctx, fresh)))
      conditional.set(from, to);
    located(index, () => assertPlaceholdersResolved(found, mapping));
  }
  // One merged map for all entries: a copy per entry was quadratic in the Bundle's size.
  const targets = conditional.size === 0 ? mapping : new Map([...mapping, ...conditional]);
  for (const found of sites.values()) rewriteReferences(found, targets);
}

/** fullUrl → `Type/id` for every entry that has a target; two entries on one resource are a 400. */
function referenceMapping(plans: readonly EntryPlan[]): Map<string, string> {
  const mapping = new Map<string, string>();
  const seen = new Set<string>();
  for (const { entry, plan } of plans) {
    if (!plan.target) continue;
    const key = `${plan.target.resourceType}/${plan.target.id}`;
    if (seen.has(key) && !plan.existing)
      throw badRequest(`${key} appears in more than one entry of the transaction`, `Bundle.entry[${entry.index}]`);
    seen.add(key);
    if (entry.fullUrl) mapping.set(entry.fullUrl, key);
  }
  return mapping;
}

/** Runs `run`, locating what it throws at entry `index`. */
export function located<T>(index: number, run: () => T): T {
  try {
    return run();
  } catch (thrown) {
    throw locateError(thrown, index) ?? thrown;
  }
}

/** {@link located} for async work. */
export async function locatedAsync<T>(index: number, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (thrown) {
    throw locateError(thrown, index) ?? thrown;
  }
}
