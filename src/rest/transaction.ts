/**
 * Transaction and batch Bundles at `POST [base]`. The Bundle's shape is checked whole first. A
 * transaction then plans every entry (DELETE, POST, PUT/PATCH, then GET), rewrites `urn:uuid:`
 * and conditional references, checks its GET entries, and commits one unit of work: all or
 * nothing, on SQLite and D1 alike (decisions 009 and 011). A batch runs each entry as its own
 * interaction (`batch.ts`).
 * @see https://hl7.org/fhir/R4/http.html#transaction
 * @module
 */
import { badRequest, conflict } from '../fhir/outcome.js';
import { IntegrityError, WriteConflictError } from '../storage/port.js';
import { processBatch } from './batch.js';
import {
  assertSupported,
  locateError,
  parseEntry,
  resultEntry,
  withDistinctFullUrls,
  type ParsedEntry,
} from './bundle-entries.js';
import { DEFAULT_MAX_BUNDLE_ENTRIES, assertBundleShape } from './bundle-shape.js';
import type { RestContext, RestResult } from './context.js';
import {
  assertPlaceholdersResolved,
  collectReferences,
  resolveConditionalReferences,
  rewriteReferences,
  type ReferenceSite,
} from './reference-rewrite.js';
import { planTarget, planWrite, type EntryPlan } from './transaction-plan.js';
import { answerRead, planRead, type ReadPlan } from './transaction-reads.js';
import { createYieldPoint } from './yield-point.js';

/** Options of {@link processBundle}. */
export interface BundleOptions {
  baseUrl: string;
  /** Most entries a Bundle may carry (`MAX_BUNDLE_ENTRIES`); more is a 413 before any entry runs. */
  maxEntries?: number;
}

const ORDER: Record<string, number> = { DELETE: 0, POST: 1, PUT: 2, PATCH: 2, GET: 3, HEAD: 3 };

/** Processes a transaction or batch Bundle and returns the response Bundle. */
export async function processBundle(ctx: RestContext, body: unknown, options: BundleOptions): Promise<fhir4.Bundle> {
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_BUNDLE_ENTRIES;
  const { type, entries: raw } = assertBundleShape(body, { maxEntries, validate: ctx.validate });
  if (type === 'batch') return processBatch(ctx, raw, options);
  const entries = raw.map((entry, index) =>
    located(index, () => {
      const parsed = parseEntry(entry, index, options.baseUrl);
      assertSupported(parsed);
      return parsed;
    }),
  );
  return processTransaction(ctx, entries, options);
}

async function processTransaction(
  ctx: RestContext,
  entries: ParsedEntry[],
  options: BundleOptions,
): Promise<fhir4.Bundle> {
  const ordered = [...entries].sort((a, b) => ORDER[a.method]! - ORDER[b.method]! || a.index - b.index);
  const isRead = (e: ParsedEntry) => e.method === 'GET' || e.method === 'HEAD';
  const plans = await planWrites(
    ctx,
    ordered.filter((e) => !isRead(e)),
  );
  const writes = [...plans.values()].flatMap((p) => (p.write ? [p.write] : []));
  const written = new Map(
    [...plans.values()].flatMap((p) => (p.write ? [[`${p.write.resourceType}/${p.write.id}`, p]] : [])),
  );
  const reads: ReadPlan[] = [];
  for (const entry of ordered.filter(isRead)) {
    const readOptions = { baseUrl: options.baseUrl, written, commitFollows: writes.length > 0 };
    reads.push(await locatedAsync(entry.index, () => planRead(ctx, entry, readOptions)));
  }
  const guards = [...plans.values()].flatMap((p) => (p.guard ? [p.guard] : []));
  const readGuards = reads.flatMap((r) => (r.guard ? [r.guard] : []));
  try {
    await ctx.store.commit({
      writes,
      ...(guards.length ? { guards } : {}),
      ...(readGuards.length ? { reads: readGuards } : {}),
    });
  } catch (error) {
    // An integrity guard names the write it concerns: the answer names that write's entry.
    if (error instanceof IntegrityError && error.writeIndex !== undefined) {
      const plan = [...plans.values()].filter((p) => p.write)[error.writeIndex];
      if (plan) throw locateError(error, plan.entry.index) ?? error;
    }
    if (!(error instanceof WriteConflictError)) throw error;
    throw conflict(
      'Another request changed resources this transaction depends on; nothing was written. Retry the transaction.',
    );
  }
  const responses = new Map<number, fhir4.BundleEntry>();
  for (const plan of plans.values()) responses.set(plan.entry.index, planResponse(plan, options.baseUrl));
  for (const read of reads) responses.set(read.entry.index, await answerRead(ctx, read, options.baseUrl));
  const entry = withDistinctFullUrls(entries.map((e) => responses.get(e.index)!));
  return { resourceType: 'Bundle', type: 'transaction-response', ...(entry ? { entry } : {}) };
}

/** Targets, reference rewriting, then each write built and validated; nothing is written. */
async function planWrites(ctx: RestContext, writers: ParsedEntry[]): Promise<Map<number, EntryPlan>> {
  const plans = new Map<number, EntryPlan>();
  const deleted = new Set<string>();
  const yieldPoint = createYieldPoint();
  for (const entry of writers) {
    await yieldPoint();
    const plan = await locatedAsync(entry.index, () => planTarget(ctx, entry, deleted));
    if (entry.method === 'DELETE' && plan.target) deleted.add(`${plan.target.resourceType}/${plan.target.id}`);
    plans.set(entry.index, plan);
  }
  const mapping = referenceMapping([...plans.values()]);
  const sites = new Map<number, ReferenceSite[]>();
  for (const entry of writers) {
    if (entry.method !== 'POST' && entry.method !== 'PUT') continue;
    sites.set(entry.index, collectReferences(entry.resource, `Bundle.entry[${entry.index}].resource`));
  }
  const conditional = new Map<string, string>();
  for (const [index, found] of sites) {
    const fresh = found.filter((site) => !conditional.has(site.holder.reference));
    for (const [from, to] of await locatedAsync(index, () => resolveConditionalReferences(ctx, fresh)))
      conditional.set(from, to);
    located(index, () => assertPlaceholdersResolved(found, mapping));
  }
  for (const found of sites.values()) rewriteReferences(found, new Map([...mapping, ...conditional]));
  for (const entry of writers) {
    await yieldPoint();
    await locatedAsync(entry.index, () => planWrite(ctx, plans.get(entry.index)!));
  }
  return plans;
}

/** fullUrl → `Type/id` for every entry that has a target; two entries on one resource are a 400. */
function referenceMapping(plans: readonly EntryPlan[]): Map<string, string> {
  const mapping = new Map<string, string>();
  const seen = new Set<string>();
  for (const plan of plans) {
    if (!plan.target) continue;
    const key = `${plan.target.resourceType}/${plan.target.id}`;
    if (seen.has(key) && !plan.existing)
      throw badRequest(`${key} appears in more than one entry of the transaction`, `Bundle.entry[${plan.entry.index}]`);
    seen.add(key);
    if (plan.entry.fullUrl) mapping.set(plan.entry.fullUrl, key);
  }
  return mapping;
}

function located<T>(index: number, run: () => T): T {
  try {
    return run();
  } catch (thrown) {
    throw locateError(thrown, index) ?? thrown;
  }
}

async function locatedAsync<T>(index: number, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (thrown) {
    throw locateError(thrown, index) ?? thrown;
  }
}

function planResponse(plan: EntryPlan, baseUrl: string): fhir4.BundleEntry {
  if (plan.existing)
    return resultEntry({ status: 200, resource: plan.existing.resource!, version: plan.existing }, baseUrl);
  const write = plan.write;
  const result: RestResult = { status: plan.status, ...(plan.issues?.length ? { issues: plan.issues } : {}) };
  if (write) result.version = write;
  if (write?.resource) result.resource = write.resource;
  return resultEntry(result, baseUrl);
}
