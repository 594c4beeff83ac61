/**
 * The compact JSON text of a Bundle whose entry resources were just stored: each such resource's
 * text is the one the store wrote (`ResourceWrite.json`), spliced in instead of serialising the
 * resource a second time. The result is the text `JSON.stringify(bundle)` gives, key for key.
 * @see https://hl7.org/fhir/R4/json.html
 * @see https://hl7.org/fhir/R4/http.html#transaction-response
 * @module
 */

/** The name of the hidden property holding an entry resource's stored text. */
const STORED_TEXT = 'storedResourceText';

/**
 * Records on `entry` the compact JSON text of `entry.resource`, as the store wrote it. Not
 * enumerable, so the entry still compares and serialises as before; a copy of the entry drops it.
 * The caller vouches that `text` is `JSON.stringify(entry.resource)`.
 */
export function withStoredText(entry: fhir4.BundleEntry, text: string): fhir4.BundleEntry {
  Object.defineProperty(entry, STORED_TEXT, { value: text, enumerable: false, configurable: true });
  return entry;
}

/** `JSON.stringify(bundle)`, with the stored texts of its entries' resources reused. */
export function bundleText(bundle: fhir4.Bundle): string {
  let text = '{';
  let first = true;
  for (const key of Object.keys(bundle)) {
    const value = (bundle as unknown as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const valueText = key === 'entry' && Array.isArray(value) ? entriesText(value) : JSON.stringify(value);
    if (valueText === undefined) continue;
    text += `${first ? '' : ','}${JSON.stringify(key)}:${valueText}`;
    first = false;
  }
  return `${text}}`;
}

function entriesText(entries: readonly unknown[]): string {
  const parts: string[] = [];
  for (const entry of entries) parts.push(entryText(entry) ?? 'null');
  return `[${parts.join(',')}]`;
}

/** One entry's text; plain `JSON.stringify` unless it carries the stored text of its resource. */
function entryText(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null) return JSON.stringify(entry);
  const stored = (entry as Record<string, unknown>)[STORED_TEXT];
  if (typeof stored !== 'string') return JSON.stringify(entry);
  let text = '{';
  let first = true;
  for (const key of Object.keys(entry)) {
    const value = (entry as Record<string, unknown>)[key];
    const valueText = key === 'resource' ? stored : JSON.stringify(value);
    if (valueText === undefined) continue;
    text += `${first ? '' : ','}${JSON.stringify(key)}:${valueText}`;
    first = false;
  }
  return `${text}}`;
}
