/**
 * A resource's content as a comparable string: keys sorted, `meta` left out, so that key order
 * and server metadata (version, lastUpdated) do not count as a change.
 * @module
 */

/** The comparable form of `value`. */
export function contentKey(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(contentKey).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([key, v]) => key !== 'meta' && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${contentKey(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
