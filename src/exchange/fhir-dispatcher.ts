/**
 * A dispatcher sending to FHIR destinations: what the Node server's timer and
 * `npm run dispatch` run. Node only, as `fhir-sender.ts` is.
 * @module
 */
import type { ResourceStore } from '../storage/port.js';
import type { Destination } from './destinations.js';
import { createDispatcher, type Dispatcher } from './dispatcher.js';
import { createFhirSender } from './fhir-sender.js';
import { createJsonSender } from './json-sender.js';
import type { LoadedMappings } from '../mapping/load-mappings.js';
import type { OutboxQueue } from './outbox-queue.js';

/** The default pause between dispatch rounds of the server's timer. */
export const DEFAULT_DISPATCH_INTERVAL_MS = 1_000;

/** `EXCHANGE_DISPATCH_INTERVAL_MS`, or the default. */
export function dispatchIntervalMs(env: Record<string, string | undefined>): number {
  const value = Number(env.EXCHANGE_DISPATCH_INTERVAL_MS ?? DEFAULT_DISPATCH_INTERVAL_MS);
  if (!Number.isInteger(value) || value < 1)
    throw new Error('EXCHANGE_DISPATCH_INTERVAL_MS must be a positive integer');
  return value;
}

/**
 * False when `EXCHANGE_DISPATCH_IN_SERVER=false`: the server then only writes outbox rows and
 * another process (`npm run dispatch -- --loop`) sends them.
 */
export function dispatchInServer(env: Record<string, string | undefined>): boolean {
  return env.EXCHANGE_DISPATCH_IN_SERVER !== 'false';
}

/**
 * A dispatcher named `name` for `destinations`, reading the versions to send from `store`;
 * `json` destinations read their mapping from `mappings`.
 */
export function createFhirDispatcher(
  name: string,
  queue: OutboxQueue,
  store: ResourceStore,
  destinations: readonly Destination[],
  mappings?: LoadedMappings,
): Dispatcher {
  const targets = destinations.map((destination) => {
    const sender =
      destination.kind === 'json'
        ? createJsonSender(destination, store, mappings)
        : createFhirSender(destination, store);
    return { destination, send: sender.send };
  });
  return createDispatcher({ queue, targets, name });
}
