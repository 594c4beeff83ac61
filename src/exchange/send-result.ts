/**
 * What a destination made of one send, as the dispatcher acts on it.
 * @module
 */

/** The answer of one send. */
export type SendResult =
  | { kind: 'delivered'; status: number }
  /** Worth trying again: 5xx, 408, 429, a timeout, a dropped connection. */
  | { kind: 'retry'; status?: number; retryAfterMs?: number; detail: string }
  /** The destination refused the change for good (other 4xx): a dead letter. */
  | { kind: 'refused'; status?: number; detail: string };

/** Statuses worth retrying besides 5xx. @see https://www.rfc-editor.org/rfc/rfc9110#name-status-codes */
const RETRYABLE_4XX = new Set([408, 425, 429]);

/** Classifies an HTTP error status. */
export function resultOfStatus(status: number, detail: string, retryAfterMs?: number): SendResult {
  if (status >= 500 || RETRYABLE_4XX.has(status)) {
    return { kind: 'retry', status, detail, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  return { kind: 'refused', status, detail };
}
