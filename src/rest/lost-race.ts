/**
 * How often a write that asked for "last writer wins" (no If-Match) re-reads and retries after
 * another request committed first. Each round lets at least one of the competing writers win, so
 * N concurrent writers to one resource need at most N rounds; beyond this bound the request gets
 * a 409 OperationOutcome instead of spinning.
 * @see https://hl7.org/fhir/R4/http.html#concurrency
 * @module
 */
export const LOST_RACE_RETRIES = 20;
