/**
 * One send to a destination with `fetch` (Node and Workers alike), read as the dispatcher acts
 * on it: 2xx delivered; 5xx, 408, 429 (with its `Retry-After`), a timeout or no answer tried
 * again; any other status a refusal kept with the destination's answer.
 * @see https://www.rfc-editor.org/rfc/rfc9110#name-retry-after
 * @module
 */
import type { Destination } from './destinations.js';
import { retryAfterMs } from './retry-policy.js';
import { resultOfStatus, type SendResult } from './send-result.js';

/** POSTs `body` (already serialised) to `url` with `headers`, within the destination's timeout. */
export async function postByFetch(
  destination: Destination,
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<SendResult> {
  const signal = AbortSignal.timeout(destination.timeoutMs);
  try {
    const response = await fetch(url, {
      method: 'POST',
      signal,
      headers: {
        ...headers,
        ...(destination.bearerToken ? { authorization: `Bearer ${destination.bearerToken}` } : {}),
      },
      body,
    });
    const detail = await response.text();
    if (response.ok) return { kind: 'delivered', status: response.status };
    return resultOfStatus(response.status, detail, retryAfterMs(response.headers.get('retry-after'), Date.now()));
  } catch (error) {
    if (signal.aborted) return { kind: 'retry', detail: 'timed out waiting for the destination' };
    return { kind: 'retry', detail: `no answer: ${error instanceof Error ? error.message : String(error)}` };
  }
}
