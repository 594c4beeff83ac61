/**
 * A {@link RegisterLookup} over a national FHIR server with `fetch`: the Workers counterpart of
 * `fhir-register-lookup.ts` (fhir-kit-client needs Node's `http`), asking the same search and
 * reading the answer the same way (decision 035).
 * @see https://hl7.org/fhir/R4/search.html
 * @module
 */
import { IIN_SYSTEM } from '../../fhir/canonical.js';
import type { Destination } from '../destinations.js';
import { answerOf, failureText, type RegisterLookup } from './register-lookup.js';

/** Looks IINs up at `destination` with `GET [base]/Patient?identifier=<IIN system>|<iin>`. */
export function createFetchRegisterLookup(destination: Destination): RegisterLookup {
  const base = destination.url.replace(/\/+$/, '');
  const source = destination.url;
  return {
    name: destination.name,
    async findByIin(iin) {
      const signal = AbortSignal.timeout(destination.timeoutMs);
      const query = new URLSearchParams({ identifier: `${IIN_SYSTEM}|${iin}` });
      try {
        const response = await fetch(`${base}/Patient?${query}`, {
          signal,
          headers: {
            accept: 'application/fhir+json',
            ...(destination.bearerToken ? { authorization: `Bearer ${destination.bearerToken}` } : {}),
          },
        });
        if (!response.ok) return { kind: 'failed', source, detail: `the register answered ${response.status}` };
        return answerOf((await response.json()) as fhir4.Bundle, source);
      } catch (error) {
        return { kind: 'failed', source, detail: failureText(error, signal) };
      }
    },
  };
}
