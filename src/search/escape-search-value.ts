/**
 * Escapes a search value so that `,`, `$`, `|` and `\` in it are read literally, not as the
 * separators of token, uri and composite values.
 * @see https://hl7.org/fhir/R4/search.html#escaping
 * @module
 */

/** `value` with `\`, `,`, `$` and `|` escaped by a backslash. */
export function escapeSearchValue(value: string): string {
  return value.replace(/[\\,$|]/g, (c) => `\\${c}`);
}
