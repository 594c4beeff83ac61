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

/** Creates a server-assigned logical id (a random UUID, which is a valid `id`). */
export function createId(): string {
  return crypto.randomUUID();
}
