/**
 * Transaction and batch Bundles at `POST [base]`. The Bundle's shape is checked whole first. A
 * transaction then plans every entry (DELETE, POST, PUT/PATCH, then GET), rewrites `urn:uuid:`
 * and conditional references, checks its GET entries, and commits one unit of work: all or
 * nothing, on SQLite and D1 alike (decisions 009 and 011). A batch runs each entry as its own
 * interaction (`batch.ts`).
 * @see https://hl7.org/fhir/R4/http.html#transaction
 * @module
 */
import { conflict, type Issue } from '../fhir/outcome.js';
import { IntegrityError, WriteConflictError, type UnitOfWork } from '../storage/port.js';
import { processBatch } from './batch.js';
import { locateError, parseEntry, resultEntry, withDistinctFullUrls, type ParsedEntry } from './bundle-entries.js';
import { DEFAULT_MAX_BUNDLE_ENTRIES, assertBundleShape } from './bundle-shape.js';
import type { RestContext } from './context.js';
import type { Interaction } from './interaction.js';
import { answerRead, planRead, type ReadPlan } from './transaction-reads.js';
import { located, locatedAsync, planWrites, type EntryPlan } from './transaction-writes.js';
import { runReactions } from './write/reactions.js';
import { planResult, withIssues } from './write/run-write.js';
import { mergeGuards } from './write/write-plan.js';

/** Options of {@link processBundle}. */
export interface BundleOptions {
  baseUrl: string;
  /** Most entries a Bundle may carry (`MAX_BUNDLE_ENTRIES`); more is a 413 before any entry runs. */
  maxEntries?: number;
  /** The Bundle request's `Prefer` header; it applies to every entry. */
  prefer?: string;
}

/** The processing order of a transaction's entries. @see https://hl7.org/fhir/R4/http.html#trules */
const ORDER: Record<Interaction['kind'], number> = {
  delete: 0,
  create: 1,
  update: 2,
  patch: 2,
  read: 3,
  vread: 3,
  search: 3,
};

/** Processes a transaction or batch Bundle and returns the response Bundle. */
export async function processBundle(ctx: RestContext, body: unknown, options: BundleOptions): Promise<fhir4.Bundle> {
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_BUNDLE_ENTRIES;
  const { type, entries: raw } = assertBundleShape(body, { maxEntries, validate: ctx.validate });
  if (type === 'batch') return processBatch(ctx, raw, options);
  const entries = raw.map((entry, index) =>
    located(index, () => parseEntry(entry, index, options.baseUrl, options.prefer)),
  );
  return processTransaction(ctx, entries, options);
}

async function processTransaction(
  ctx: RestContext,
  entries: ParsedEntry[],
  options: BundleOptions,
): Promise<fhir4.Bundle> {
  const ordered = [...entries].sort(
    (a, b) => ORDER[a.interaction.kind] - ORDER[b.interaction.kind] || a.index - b.index,
  );
  const isRead = (e: ParsedEntry) => ORDER[e.interaction.kind] === 3;
  const { plans, guards } = await planWrites(
    ctx,
    ordered.filter((e) => !isRead(e)),
  );
  const writes = plans.flatMap(({ plan }) => (plan.write ? [plan.write] : []));
  const written = new Map(writes.map((write) => [`${write.resourceType}/${write.id}`, write]));
  const reads: ReadPlan[] = [];
  for (const entry of ordered.filter(isRead)) {
    const readOptions = { baseUrl: options.baseUrl, written, commitFollows: writes.length > 0 };
    reads.push(await locatedAsync(entry.index, () => planRead(ctx, entry, readOptions)));
  }
  const readGuards = reads.flatMap((r) => (r.guard ? [r.guard] : []));
  const entryOfWrite = plans.flatMap(({ entry, plan }) => (plan.write ? [entry.index] : []));
  const unit = { writes, ...mergeGuards(guards, readGuards.length ? { reads: readGuards } : {}) };
  await commitOnce(ctx, unit, entryOfWrite);
  // A reaction that failed is a warning on the first written entry: the Bundle has no other
  // place for an outcome, and the whole transaction (not one entry) caused the reaction.
  const reactionIssues = await runReactions(ctx, writes);
  const responses = new Map<number, fhir4.BundleEntry>();
  for (const plan of plans) {
    const withWarnings = plan.entry.index === entryOfWrite[0] && reactionIssues.length > 0;
    responses.set(plan.entry.index, planResponse(plan, options.baseUrl, withWarnings ? reactionIssues : []));
  }
  for (const read of reads) responses.set(read.entry.index, await answerRead(ctx, read, options.baseUrl));
  const entry = withDistinctFullUrls(entries.map((e) => responses.get(e.index)!));
  return { resourceType: 'Bundle', type: 'transaction-response', ...(entry ? { entry } : {}) };
}

/** The one commit of a transaction; a lost race is the client's to retry (409), never retried here. */
async function commitOnce(ctx: RestContext, unit: UnitOfWork, entryOfWrite: readonly number[]): Promise<void> {
  try {
    await ctx.store.commit(unit);
  } catch (error) {
    // An integrity guard names the write it concerns: the answer names that write's entry.
    if (error instanceof IntegrityError && error.writeIndex !== undefined) {
      const index = entryOfWrite[error.writeIndex];
      if (index !== undefined) throw locateError(error, index) ?? error;
    }
    if (!(error instanceof WriteConflictError)) throw error;
    throw conflict(
      'Another request changed resources this transaction depends on; nothing was written. Retry the transaction.',
    );
  }
}

function planResponse({ entry, plan }: EntryPlan, baseUrl: string, issues: readonly Issue[]): fhir4.BundleEntry {
  return resultEntry({ ...withIssues(planResult(plan), issues), prefer: entry.interaction.prefer }, baseUrl);
}
