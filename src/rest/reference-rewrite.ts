/**
 * Rewriting references inside a transaction: `urn:uuid:` (and other entry fullUrls) to the ids
 * the server assigned, and conditional references (`Patient?identifier=…`) to their one match.
 * @see https://hl7.org/fhir/R4/http.html#trules
 * @see https://hl7.org/fhir/R4/http.html#conditional-references
 * @module
 */
import { isSupportedResourceType } from '../fhir/resource-types.js';
import { preconditionFailed } from '../fhir/outcome.js';
import type { RestContext } from './context.js';
import { findMatches, parseCriteria } from './conditional.js';

const CONDITIONAL = /^([A-Z][A-Za-z]+)\?(.+)$/;

/** Every `reference` string in `value` (a resource or part of one). */
function visitReferences(value: unknown, visit: (holder: { reference: string }) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) visitReferences(item, visit);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const record = value as Record<string, unknown>;
  if (typeof record.reference === 'string') visit(record as { reference: string });
  for (const [key, child] of Object.entries(record)) if (key !== 'reference') visitReferences(child, visit);
}

/** Resolves each distinct conditional reference in `resources` to `Type/id` (412 unless exactly one match). */
export async function resolveConditionalReferences(
  ctx: RestContext,
  resources: readonly fhir4.Resource[],
): Promise<Map<string, string>> {
  const wanted = new Set<string>();
  for (const resource of resources) {
    visitReferences(resource, (holder) => {
      if (CONDITIONAL.test(holder.reference)) wanted.add(holder.reference);
    });
  }
  const resolved = new Map<string, string>();
  for (const reference of wanted) {
    const [, type = '', query = ''] = CONDITIONAL.exec(reference)!;
    if (!isSupportedResourceType(type))
      throw preconditionFailed(`Conditional reference '${reference}' names an unsupported type`);
    const matches = await findMatches(ctx, type, parseCriteria(ctx, type, query, reference));
    if (matches.length !== 1) {
      throw preconditionFailed(
        `Conditional reference '${reference}' matches ${matches.length} resources; exactly one is needed`,
      );
    }
    resolved.set(reference, `${type}/${matches[0]!.id}`);
  }
  return resolved;
}

/** Replaces every reference found in `mapping` in place. */
export function rewriteReferences(resource: fhir4.Resource, mapping: ReadonlyMap<string, string>): void {
  visitReferences(resource, (holder) => {
    const target = mapping.get(holder.reference);
    if (target) holder.reference = target;
  });
}
