/**
 * A {@link RegisterLookup} over a national FHIR server, with fhir-kit-client (decision 035).
 * Node only, as `../fhir-sender.ts` is.
 * @module
 */
import { Client } from 'fhir-kit-client';
import { IIN_SYSTEM } from '../../fhir/canonical.js';
import type { Destination } from '../destinations.js';
import { answerOf, failureText, type RegisterLookup } from './register-lookup.js';

/** Looks IINs up at `destination` with a search on `identifier`. */
export function createFhirRegisterLookup(destination: Destination): RegisterLookup {
  const client = new Client({
    baseUrl: destination.url,
    ...(destination.bearerToken ? { bearerToken: destination.bearerToken } : {}),
  });
  const source = destination.url;
  return {
    name: destination.name,
    async findByIin(iin) {
      const signal = AbortSignal.timeout(destination.timeoutMs);
      try {
        const bundle = (await client.search({
          resourceType: 'Patient',
          searchParams: { identifier: `${IIN_SYSTEM}|${iin}` },
          options: { signal },
        })) as unknown as fhir4.Bundle;
        return answerOf(bundle, source);
      } catch (error) {
        return { kind: 'failed', source, detail: failureText(error, signal) };
      }
    },
  };
}
