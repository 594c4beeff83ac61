/**
 * The GET (and HEAD) entries of a transaction, checked before the commit so that a failing one
 * fails the whole transaction with nothing written (decision 011). A read is answered before the
 * commit, from this transaction's own writes or from the store, and a {@link ReadGuard} makes the
 * commit fail if the resource read changes in between; a vread reads immutable history. A search
 * is parsed and run once before the commit, so that a bad parameter or a query the store cannot
 * run fails the transaction, and runs again after the commit for its answer, which sees the
 * transaction's writes as the processing order requires.
 * @see https://hl7.org/fhir/R4/http.html#trules
 * @module
 */
import { FhirError, gone } from '../fhir/outcome.js';
import type { ReadGuard, ResourceWrite } from '../storage/port.js';
import type { ParsedEntry } from './bundle-entries.js';
import { failedEntry, resultEntry } from './bundle-entries.js';
import type { RestContext, RestResult } from './context.js';
import { readResource, vreadResource } from './read.js';
import { notModified } from './router.js';
import { searchType, type SearchInput } from './search.js';

/** What one GET entry answers: a result known before the commit, or a search to run after it. */
export interface ReadPlan {
  entry: ParsedEntry;
  result?: RestResult;
  search?: SearchInput;
  guard?: ReadGuard;
}

/** Options of {@link planRead}. */
export interface ReadPlanOptions {
  baseUrl: string;
  /** The planned writes of the transaction by `Type/id`. */
  written: ReadonlyMap<string, ResourceWrite>;
  /** False when the transaction writes nothing: a search then answers now, with no second run. */
  commitFollows: boolean;
}

/** Plans (and, where it can, answers) a GET entry; throws what the interaction would answer. */
export async function planRead(ctx: RestContext, entry: ParsedEntry, options: ReadPlanOptions): Promise<ReadPlan> {
  const { interaction } = entry;
  if (interaction.kind === 'search') {
    const { resourceType, params, strict } = interaction;
    const search: SearchInput = { resourceType, params, strict, baseUrl: options.baseUrl };
    const bundle = await searchType(ctx, search).catch((thrown: unknown) => {
      throw atRequestUrl(thrown, entry.index);
    });
    return options.commitFollows ? { entry, search } : { entry, result: { status: 200, resource: bundle } };
  }
  if (interaction.kind !== 'read' && interaction.kind !== 'vread') throw new TypeError('planRead takes a read');
  const { resourceType, id, prefer } = interaction;
  const versionId = interaction.kind === 'vread' ? interaction.versionId : undefined;
  const own = options.written.get(`${resourceType}/${id}`);
  if (own && (versionId === undefined || versionId === own.versionId)) {
    if (!own.resource) throw gone(resourceType, id);
    const result = { status: 200, resource: own.resource, version: own, prefer };
    return { entry, result: interaction.kind === 'read' ? notModified(interaction, result) : result };
  }
  if (interaction.kind === 'vread') return { entry, result: { ...(await vreadResource(ctx, interaction)), prefer } };
  const result = await readResource(ctx, resourceType, id);
  const guard = { resourceType, id, versionId: result.version!.versionId };
  return { entry, result: { ...notModified(interaction, result), prefer }, guard };
}

/**
 * The response entry of a planned read, after the commit. Only a search still runs here; it was
 * parsed and run once already, so what can fail now is internal (the database going away): the
 * transaction is committed, so that entry says so with a 500 of its own.
 */
export async function answerRead(ctx: RestContext, plan: ReadPlan, baseUrl: string): Promise<fhir4.BundleEntry> {
  if (plan.result || !plan.search) return resultEntry(plan.result!, baseUrl);
  try {
    return resultEntry({ status: 200, resource: await searchType(ctx, plan.search) }, baseUrl);
  } catch (thrown) {
    return failedEntry(thrown, plan.entry.index, '; the transaction itself was committed');
  }
}

/** A search's errors also point at the entry's `request.url`, where the query came from. */
function atRequestUrl(thrown: unknown, index: number): unknown {
  if (!(thrown instanceof FhirError)) return thrown;
  const url = `Bundle.entry[${index}].request.url`;
  return new FhirError(
    thrown.status,
    thrown.issues.map((issue) => ({ ...issue, expression: [url, ...(issue.expression ?? [])] })),
  );
}
