/**
 * Sends a delivery to a national FHIR server with fhir-kit-client, the client the project uses
 * to speak FHIR (decision 029). Node only: fhir-kit-client brings a keep-alive agent built on
 * Node's `http`, so this module is imported by the Node entry and `npm run dispatch`, never by
 * the Worker.
 * @module
 */
import { Client } from 'fhir-kit-client';
import type { ResourceStore } from '../storage/port.js';
import type { Destination } from './destinations.js';
import { transactionOrRefusal } from './fhir-transaction.js';
import type { Delivery } from './outbox-queue.js';
import { retryAfterMs } from './retry-policy.js';
import { resultOfStatus, type SendResult } from './send-result.js';

/** Sends one delivery and says what came of it. */
export interface DeliverySender {
  send(delivery: Delivery): Promise<SendResult>;
}

/** The error fhir-kit-client throws for a non-2xx answer. */
interface ClientHttpError {
  response?: { status?: number; data?: unknown };
  config?: { headers?: Headers };
}

/** A sender to `destination`, reading the versions to forward from `store`. */
export function createFhirSender(destination: Destination, store: ResourceStore): DeliverySender {
  const client = new Client({
    baseUrl: destination.url,
    ...(destination.bearerToken ? { bearerToken: destination.bearerToken } : {}),
  });
  return {
    async send(delivery) {
      const prepared = await transactionOrRefusal(store, delivery);
      if ('refused' in prepared) return prepared.refused;
      const body = prepared.bundle;
      const signal = AbortSignal.timeout(destination.timeoutMs);
      try {
        await client.transaction({ body: body as never, options: { signal } });
        return { kind: 'delivered', status: 200 };
      } catch (error) {
        return failureOf(error, signal);
      }
    },
  };
}

/** What a thrown send means: an HTTP answer by status, anything else a transport failure (retried). */
function failureOf(error: unknown, signal: AbortSignal): SendResult {
  const { response, config } = (error ?? {}) as ClientHttpError;
  if (typeof response?.status === 'number') {
    const detail = typeof response.data === 'string' ? response.data : JSON.stringify(response.data ?? null);
    const retryAfter = retryAfterMs(config?.headers?.get?.('retry-after'), Date.now());
    return resultOfStatus(response.status, detail, retryAfter);
  }
  if (signal.aborted) return { kind: 'retry', detail: 'timed out waiting for the destination' };
  const message = error instanceof Error ? `${error.message}${causeOf(error)}` : String(error);
  return { kind: 'retry', detail: `no answer: ${message}` };
}

function causeOf(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? ` (${cause.message})` : '';
}
