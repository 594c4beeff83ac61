/**
 * References: the target's type must be one the element allows (its targetProfile types), and a
 * reference into the same Bundle (`urn:uuid:` / `urn:oid:` full URLs) must resolve to an entry.
 * The type is read from the literal reference (`Patient/1`, `https://…/Patient/1`), from the
 * contained resource for `#id`, or from the Bundle entry for a full URL.
 * @see https://hl7.org/fhir/R4/references.html
 * @see https://hl7.org/fhir/R4/bundle.html#references
 * @module
 */
import { report, type WalkContext } from '../walk-context.js';

const LITERAL = /(?:^|\/)([A-Z][A-Za-z]+)\/[A-Za-z0-9\-.]{1,64}(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/** Checks the Reference `value` at `path` against the allowed `targets`. */
export function checkReference(
  ctx: WalkContext,
  targets: readonly string[] | undefined,
  value: unknown,
  path: string,
): void {
  const reference = (value as { reference?: unknown }).reference;
  if (typeof reference !== 'string') return;
  const type = targetType(ctx, reference, path);
  if (type === undefined || targets === undefined) return;
  if (!targets.includes(type)) {
    const message = `A reference to ${type} is not allowed here (allowed: ${targets.join(', ')})`;
    report(ctx, { code: 'structure', message }, `${path}.reference`);
  }
}

function targetType(ctx: WalkContext, reference: string, path: string): string | undefined {
  if (reference.startsWith('#')) return containedType(ctx.rootResource, reference.slice(1));
  if (reference.startsWith('urn:uuid:') || reference.startsWith('urn:oid:')) {
    const entries = ctx.bundleEntries;
    if (!entries) return undefined;
    const type = entries.get(reference)?.resourceType as string | undefined;
    if (type === undefined) {
      report(
        ctx,
        { code: 'not-found', message: `${reference} does not resolve to an entry of this Bundle` },
        `${path}.reference`,
      );
    }
    return type;
  }
  return LITERAL.exec(reference)?.[1] ?? (ctx.bundleEntries?.get(reference)?.resourceType as string | undefined);
}

function containedType(root: unknown, id: string): string | undefined {
  const contained = (root as { contained?: unknown }).contained;
  if (!Array.isArray(contained)) return undefined;
  const match = contained.find((c) => (c as { id?: unknown })?.id === id) as { resourceType?: unknown } | undefined;
  return typeof match?.resourceType === 'string' ? match.resourceType : undefined;
}

/** Bundle types whose references into the Bundle must resolve. */
const RESOLVING = new Set(['transaction', 'batch', 'document', 'message', 'transaction-response', 'batch-response']);

/**
 * fullUrl → resource (with a string resourceType) of the entries of `bundle`, or undefined when
 * its type does not require resolution.
 */
export function bundleEntriesOf(bundle: Record<string, unknown>): Map<string, Record<string, unknown>> | undefined {
  if (!RESOLVING.has(String(bundle.type)) || !Array.isArray(bundle.entry)) return undefined;
  const entries = new Map<string, Record<string, unknown>>();
  for (const entry of bundle.entry as { fullUrl?: unknown; resource?: Record<string, unknown> }[]) {
    const resource = entry?.resource;
    if (typeof entry?.fullUrl === 'string' && typeof resource?.resourceType === 'string')
      entries.set(entry.fullUrl, resource);
  }
  return entries;
}
