/**
 * Resource id rules.
 * @see https://hl7.org/fhir/R4/datatypes.html#id
 * @module
 */

const ID_PATTERN = /^[A-Za-z0-9\-.]{1,64}$/;

/** True when `value` is a valid FHIR logical id. */
export function isValidId(value: string): boolean {
  return ID_PATTERN.test(value);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Creates a server-assigned logical id: a version 7 UUID (RFC 9562), whose first 48 bits are the
 * Unix time in milliseconds and the other 74 random. Ids issued close in time sort together, so
 * the rows of a new resource land at the end of every index keyed by id instead of on a random
 * page of each: a random UUID made each create dirty about a dozen extra pages per commit, and
 * writing those pages to the WAL was most of the cost of a commit (docs/decisions/014).
 * @see https://www.rfc-editor.org/rfc/rfc9562#name-uuid-version-7
 */
export function createId(now: number = Date.now()): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let time = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = time % 256;
    time = Math.floor(time / 256);
  }
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = Array.from(bytes, (b) => HEX[b]).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
