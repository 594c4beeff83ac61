/**
 * The id of each request: the client's `X-Request-Id` when it sent one, otherwise one made here.
 * The log line and an error's OperationOutcome name the same id, so an operator can find one
 * from the other.
 * @module
 */
import { REQUEST_ID_HEADER } from '../errors.js';

const assigned = new WeakMap<Request, string>();

// A client's id goes into the log: keep it to a plain token so it cannot forge log content.
const PLAIN_ID = /^[A-Za-z0-9._:-]{1,128}$/;
// ...and never an IIN or BIN (12 digits) that a client put there: the log holds no IIN.
const TWELVE_DIGITS = /\d{12}/;

/** The id of `request`, the same on every call. */
export function requestIdOf(request: Request): string {
  let id = assigned.get(request);
  if (id === undefined) {
    const given = request.headers.get(REQUEST_ID_HEADER);
    id = given !== null && PLAIN_ID.test(given) && !TWELVE_DIGITS.test(given) ? given : crypto.randomUUID();
    assigned.set(request, id);
  }
  return id;
}
