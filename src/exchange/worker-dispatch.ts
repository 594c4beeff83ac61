/**
 * The dispatcher as Workers run it (decision 035): from a Cron Trigger (`scheduled`) and from a
 * Queue consumer (`queue`), each invocation draining what is due once. Senders use `fetch` only.
 * @see https://developers.cloudflare.com/workers/configuration/cron-triggers/
 * @see https://developers.cloudflare.com/queues/configuration/javascript-apis/#consumer
 * @module
 */
import type { LoadedMappings } from '../mapping/load-mappings.js';
import type { ResourceStore } from '../storage/port.js';
import type { Destination } from './destinations.js';
import { createDispatcher } from './dispatcher.js';
import { createFetchFhirSender } from './fetch-fhir-sender.js';
import { createJsonSender } from './json-sender.js';
import type { OutboxQueue } from './outbox-queue.js';

/** Drains the outbox once to `destinations`; the number of deliveries attempted. */
export function drainOnce(
  name: string,
  queue: OutboxQueue,
  store: ResourceStore,
  destinations: readonly Destination[],
  mappings?: LoadedMappings,
): Promise<number> {
  const targets = destinations.map((destination) => {
    const sender =
      destination.kind === 'json'
        ? createJsonSender(destination, store, mappings)
        : createFetchFhirSender(destination, store);
    return { destination, send: sender.send };
  });
  return createDispatcher({ queue, targets, name }).drain();
}
