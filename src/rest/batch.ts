/**
 * Batch Bundles: each entry runs as its own interaction, in order, and its success or failure is
 * its own response entry. Whatever an entry throws, even an internal error, becomes that entry's
 * outcome and never touches the others. Batch entries are independent, so a reference to another
 * entry (`urn:uuid:`) fails the entry that makes it; conditional references are resolved per
 * entry, as in a transaction. Each entry runs through the router, as the same request over HTTP.
 * @see https://hl7.org/fhir/R4/http.html#brules
 * @module
 */
import { failedEntry, parseEntry, resultEntry, withDistinctFullUrls, type ParsedEntry } from './bundle-entries.js';
import type { RestContext } from './context.js';
import {
  assertPlaceholdersResolved,
  collectReferences,
  resolveConditionalReferences,
  rewriteReferences,
} from './reference-rewrite.js';
import { runInteraction } from './router.js';
import { createYieldPoint } from './yield-point.js';

/** Runs the entries of a batch (whose shape is checked) and returns the `batch-response`. */
export async function processBatch(
  ctx: RestContext,
  raw: readonly fhir4.BundleEntry[],
  options: { baseUrl: string; prefer?: string },
): Promise<fhir4.Bundle> {
  const entries: fhir4.BundleEntry[] = [];
  const yieldPoint = createYieldPoint();
  for (const [index, entry] of raw.entries()) {
    await yieldPoint();
    try {
      const parsed = parseEntry(entry, index, options.baseUrl, options.prefer);
      await resolveEntryReferences(ctx, parsed);
      entries.push(resultEntry(await runInteraction(ctx, parsed.interaction, options), options.baseUrl));
    } catch (thrown) {
      entries.push(failedEntry(thrown, index));
    }
  }
  const entry = withDistinctFullUrls(entries);
  return { resourceType: 'Bundle', type: 'batch-response', ...(entry ? { entry } : {}) };
}

/** Conditional references of a POST or PUT entry's resource, resolved; placeholders refused. */
async function resolveEntryReferences(ctx: RestContext, entry: ParsedEntry): Promise<void> {
  const { interaction } = entry;
  if (interaction.kind !== 'create' && interaction.kind !== 'update') return;
  const sites = collectReferences(interaction.resource, `Bundle.entry[${entry.index}].resource`);
  if (sites.length === 0) return;
  assertPlaceholdersResolved(
    sites,
    new Map(),
    'batch entries are independent, so one cannot refer to another (use a transaction)',
  );
  rewriteReferences(sites, await resolveConditionalReferences(ctx, sites));
}
