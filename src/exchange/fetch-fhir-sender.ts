/**
 * Sends a delivery to a national FHIR server with `fetch`: the Workers counterpart of
 * `fhir-sender.ts`, whose fhir-kit-client needs Node's `http` (decision 035). Same transaction
 * Bundle, same reading of the answer.
 * @see https://hl7.org/fhir/R4/http.html#transaction
 * @module
 */
import type { ResourceStore } from '../storage/port.js';
import type { Destination } from './destinations.js';
import type { DeliverySender } from './fhir-sender.js';
import { transactionOrRefusal } from './fhir-transaction.js';
import { postByFetch } from './fetch-send.js';

/** A fetch-based sender to `destination`, reading the versions to forward from `store`. */
export function createFetchFhirSender(destination: Destination, store: ResourceStore): DeliverySender {
  const endpoint = destination.url.replace(/\/+$/, '');
  return {
    async send(delivery) {
      const prepared = await transactionOrRefusal(store, delivery);
      if ('refused' in prepared) return prepared.refused;
      const body = prepared.bundle;
      return postByFetch(
        destination,
        endpoint,
        { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' },
        JSON.stringify(body),
      );
    },
  };
}
