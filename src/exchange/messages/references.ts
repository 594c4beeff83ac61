/**
 * Rewrites the references of a message's resources from the message's `fullUrl`s to the records
 * they became here (`Patient/<id>`), before the resources join a transaction.
 * @module
 */

/** A deep copy of `value` with every `reference` found in `targets` replaced. */
export function withReferences<T>(value: T, targets: ReadonlyMap<string, string>): T {
  if (Array.isArray(value)) return value.map((item: unknown) => withReferences(item, targets)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const target = key === 'reference' && typeof item === 'string' ? targets.get(item) : undefined;
    out[key] = target ?? withReferences(item, targets);
  }
  return out as T;
}

/** The reference held at `field` of `resource` (`subject`, `patient`), if any. */
export function referenceAt(resource: fhir4.Resource, field: string): string | undefined {
  const value = (resource as unknown as Record<string, { reference?: unknown } | undefined>)[field]?.reference;
  return typeof value === 'string' ? value : undefined;
}
