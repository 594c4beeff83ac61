/**
 * References inside a transaction or batch: `urn:uuid:`/`urn:oid:` placeholders (and other entry
 * fullUrls) rewritten to the ids the server assigned, and conditional references
 * (`Patient?identifier=…`) to their one match. A placeholder that no entry carries, a
 * conditional reference without criteria, or one that matches nothing or several fails with the
 * element located.
 * @see https://hl7.org/fhir/R4/http.html#trules
 * @see https://hl7.org/fhir/R4/http.html#conditional-references
 * @module
 */
import { isSupportedResourceType } from '../fhir/resource-types.js';
import { FhirError, badRequest, error, preconditionFailed } from '../fhir/outcome.js';
import type { RestContext } from './context.js';
import { findMatches, parseCriteria } from './criteria.js';

/** One `reference` string in a resource and the FHIRPath of its element. */
export interface ReferenceSite {
  holder: { reference: string };
  path: string;
}

const CONDITIONAL = /^([A-Z][A-Za-z]+)\?(.*)$/;
/** References to other entries of the same Bundle by their fullUrl. @see https://hl7.org/fhir/R4/bundle.html#references */
const PLACEHOLDER = /^urn:(uuid|oid):/;

/**
 * Every `reference` string in `resource`, with its path under `root` (e.g.
 * `Bundle.entry[2].resource`). Walks with an explicit stack: no input nests deep enough to
 * overflow it.
 */
export function collectReferences(resource: unknown, root: string): ReferenceSite[] {
  const sites: ReferenceSite[] = [];
  const stack: { value: unknown; path: string }[] = [{ value: resource, path: root }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: `${path}[${i}]` });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    const record = value as Record<string, unknown>;
    if (typeof record.reference === 'string')
      sites.push({ holder: record as { reference: string }, path: `${path}.reference` });
    for (const key of Object.keys(record).reverse()) {
      if (key !== 'reference' && typeof record[key] === 'object')
        stack.push({ value: record[key], path: `${path}.${key}` });
    }
  }
  return sites;
}

/** True for a conditional reference, `[type]?[criteria]`. */
export function isConditionalReference(reference: string): boolean {
  return CONDITIONAL.test(reference);
}

/**
 * Resolves each distinct conditional reference of `sites` to `Type/id`: 400 without criteria or
 * for an unsupported type, 404 when nothing matches, 412 when several do; located at the first
 * site that uses it.
 */
export async function resolveConditionalReferences(
  ctx: RestContext,
  sites: readonly ReferenceSite[],
): Promise<Map<string, string>> {
  const resolved = new Map<string, string>();
  for (const { holder, path } of sites) {
    const reference = holder.reference;
    if (resolved.has(reference) || !CONDITIONAL.test(reference)) continue;
    resolved.set(reference, await resolveOne(ctx, reference, path));
  }
  return resolved;
}

async function resolveOne(ctx: RestContext, reference: string, path: string): Promise<string> {
  const [, type = '', query = ''] = CONDITIONAL.exec(reference)!;
  const shown = reference.length > 200 ? `${reference.slice(0, 200)}…` : reference;
  if (!isSupportedResourceType(type))
    throw badRequest(`Conditional reference '${shown}' names a type this server does not hold`, path);
  if (query === '') throw badRequest(`Conditional reference '${shown}' has no search criteria`, path);
  const matches = await findMatches(ctx, type, parseCriteria(ctx, type, query, path));
  if (matches.length === 0)
    throw new FhirError(404, error('not-found', `Conditional reference '${shown}' matches no ${type}`, path));
  if (matches.length > 1) {
    const failure = preconditionFailed(`Conditional reference '${shown}' matches several ${type} resources`);
    throw new FhirError(412, { ...failure.issues[0]!, expression: [path] });
  }
  return `${type}/${matches[0]!.id}`;
}

/**
 * Throws 400 for a `urn:uuid:`/`urn:oid:` reference that `mapping` cannot resolve: it names no
 * entry of the Bundle (or, in a batch, any entry at all: batch entries are independent).
 */
export function assertPlaceholdersResolved(
  sites: readonly ReferenceSite[],
  mapping: ReadonlyMap<string, string>,
  why = 'no entry of the Bundle has that fullUrl',
): void {
  for (const { holder, path } of sites) {
    if (!PLACEHOLDER.test(holder.reference) || mapping.has(holder.reference)) continue;
    const shown = holder.reference.length > 200 ? `${holder.reference.slice(0, 200)}…` : holder.reference;
    throw badRequest(`Reference '${shown}' cannot be resolved: ${why}`, path);
  }
}

/** Replaces every reference of `sites` found in `mapping`, in place. */
export function rewriteReferences(sites: readonly ReferenceSite[], mapping: ReadonlyMap<string, string>): void {
  for (const { holder } of sites) {
    const target = mapping.get(holder.reference);
    if (target) holder.reference = target;
  }
}
