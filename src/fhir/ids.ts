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

/**
 * Creates a server-assigned logical id: a version 7 UUID (RFC 9562), whose first 48 bits are the
 * Unix time in milliseconds and the other 74 random. Ids issued close in time sort together, so
 * the rows of a new resource land at the end of every index keyed by id instead of on a random
 * page of each: a random UUID made each create dirty about a dozen extra pages per commit, and
 * writing those pages to the WAL was most of the cost of a commit (docs/decisions/014).
 * The random part comes from `crypto.randomUUID()` (its variant bits are already those of
 * RFC 9562), which is several times cheaper per call than `crypto.getRandomValues`.
 * @see https://www.rfc-editor.org/rfc/rfc9562#name-uuid-version-7
 */
export function createId(now: number = Date.now()): string {
  const random = crypto.randomUUID();
  const time = Math.max(0, Math.floor(now)).toString(16).padStart(12, '0').slice(-12);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(15)}`;
}
