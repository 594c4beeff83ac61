/**
 * Transaction and batch Bundles at `POST [base]`. A transaction plans every entry (DELETE, POST,
 * PUT/PATCH, then GET), rewrites `urn:uuid:` and conditional references, and commits one unit of
 * work: all or nothing, on SQLite and D1 alike. A batch runs each entry as its own interaction.
 * @see https://hl7.org/fhir/R4/http.html#transaction
 * @module
 */
import { weakEtag } from '../fhir/bundle.js';
import { FhirError, badRequest, conflict, toOperationOutcome } from '../fhir/outcome.js';
import { WriteConflictError } from '../storage/port.js';
import { assertProcessableBundle, locateError, parseEntry, statusLine, type ParsedEntry } from './bundle-entries.js';
import { runEntry } from './batch-entry.js';
import type { RestContext, RestResult } from './context.js';
import { supports, type TypeInteraction } from './interactions.js';
import { resolveConditionalReferences, rewriteReferences } from './reference-rewrite.js';
import { planTarget, planWrite, type EntryPlan } from './transaction-plan.js';

/** Options of {@link processBundle}. */
export interface BundleOptions {
  baseUrl: string;
}

const ORDER: Record<string, number> = { DELETE: 0, POST: 1, PUT: 2, PATCH: 2, GET: 3, HEAD: 3 };

/** Processes a transaction or batch Bundle and returns the response Bundle. */
export async function processBundle(ctx: RestContext, body: unknown, options: BundleOptions): Promise<fhir4.Bundle> {
  const type = assertProcessableBundle(body);
  const raw = (body as fhir4.Bundle).entry ?? [];
  if (type === 'batch') return processBatch(ctx, raw, options);
  const entries = raw.map((entry, index) => {
    try {
      const parsed = parseEntry(entry, index, options.baseUrl);
      assertSupported(parsed);
      return parsed;
    } catch (thrown) {
      throw locateError(thrown, index);
    }
  });
  return processTransaction(ctx, entries, options);
}

function interactionOf(entry: ParsedEntry): TypeInteraction {
  const byMethod: Record<string, TypeInteraction> = { POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };
  return byMethod[entry.method] ?? (entry.id ? 'read' : 'search-type');
}

function assertSupported(entry: ParsedEntry): void {
  const interaction = interactionOf(entry);
  if (!supports(entry.resourceType, interaction)) {
    throw new FhirError(405, {
      severity: 'error',
      code: 'not-supported',
      message: `${interaction} is not supported on ${entry.resourceType}`,
    });
  }
}

async function processTransaction(
  ctx: RestContext,
  entries: ParsedEntry[],
  options: BundleOptions,
): Promise<fhir4.Bundle> {
  const ordered = [...entries].sort((a, b) => ORDER[a.method]! - ORDER[b.method]! || a.index - b.index);
  const writers = ordered.filter((e) => e.method !== 'GET' && e.method !== 'HEAD');
  const plans = new Map<number, EntryPlan>();
  const deleted = new Set<string>();
  for (const entry of writers) {
    const plan = await located(entry.index, () => planTarget(ctx, entry, deleted));
    if (entry.method === 'DELETE' && plan.target) deleted.add(`${plan.target.resourceType}/${plan.target.id}`);
    plans.set(entry.index, plan);
  }
  const mapping = referenceMapping([...plans.values()]);
  const bodies = writers.filter((e) => e.method === 'POST' || e.method === 'PUT').map((e) => e.resource!);
  for (const [from, to] of await resolveConditionalReferences(ctx, bodies)) mapping.set(from, to);
  for (const resource of bodies) rewriteReferences(resource, mapping);
  for (const entry of writers) await located(entry.index, () => planWrite(ctx, plans.get(entry.index)!));
  const writes = [...plans.values()].flatMap((p) => (p.write ? [p.write] : []));
  const guards = [...plans.values()].flatMap((p) => (p.guard ? [p.guard] : []));
  try {
    await ctx.store.commit({ writes, ...(guards.length ? { guards } : {}) });
  } catch (error) {
    if (!(error instanceof WriteConflictError)) throw error;
    throw conflict(
      'Another request changed resources this transaction depends on; nothing was written. Retry the transaction.',
    );
  }
  const responses = new Map<number, fhir4.BundleEntry>();
  for (const plan of plans.values()) responses.set(plan.entry.index, planResponse(plan, options.baseUrl));
  for (const entry of ordered.filter((e) => !plans.has(e.index))) {
    responses.set(
      entry.index,
      await located(entry.index, async () => resultEntry(await runEntry(ctx, entry, options), options.baseUrl)),
    );
  }
  return { resourceType: 'Bundle', type: 'transaction-response', entry: entries.map((e) => responses.get(e.index)!) };
}

/** fullUrl → `Type/id` for every entry that has a target; duplicates are a 400. */
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

async function located<T>(index: number, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (thrown) {
    throw locateError(thrown, index);
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

/** A response entry from an interaction result. */
export function resultEntry(result: RestResult, baseUrl: string): fhir4.BundleEntry {
  const response: fhir4.BundleEntryResponse = { status: statusLine(result.status) };
  const version = result.version;
  if (version) {
    response.location = `${version.resourceType}/${version.id}/_history/${version.versionId}`;
    response.etag = weakEtag(version.versionId);
    response.lastModified = version.lastUpdated;
  }
  response.outcome = toOperationOutcome(result.issues ?? []);
  const entry: fhir4.BundleEntry = { response };
  if (result.resource) {
    entry.resource = result.resource;
    if (result.resource.id && result.resource.resourceType !== 'Bundle') {
      entry.fullUrl = `${baseUrl}/${result.resource.resourceType}/${result.resource.id}`;
    }
  }
  return entry;
}

async function processBatch(ctx: RestContext, raw: fhir4.BundleEntry[], options: BundleOptions): Promise<fhir4.Bundle> {
  const entries: fhir4.BundleEntry[] = [];
  for (const [index, entry] of raw.entries()) {
    try {
      const parsed = parseEntry(entry, index, options.baseUrl);
      assertSupported(parsed);
      entries.push(resultEntry(await runEntry(ctx, parsed, options), options.baseUrl));
    } catch (thrown) {
      const located = locateError(thrown, index);
      if (!(located instanceof FhirError)) throw located;
      entries.push({ response: { status: statusLine(located.status), outcome: located.outcome } });
    }
  }
  return { resourceType: 'Bundle', type: 'batch-response', entry: entries };
}
