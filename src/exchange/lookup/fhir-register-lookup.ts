/**
 * A {@link RegisterLookup} over a national FHIR server, with fhir-kit-client (decision 035).
 * Node only, as `../fhir-sender.ts` is.
 * @module
 */
import { Client } from 'fhir-kit-client';
import { IIN_SYSTEM } from '../../fhir/canonical.js';
import type { Destination } from '../destinations.js';
import type { LookupAnswer, RegisterLookup } from './register-lookup.js';

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

function answerOf(bundle: fhir4.Bundle, source: string): LookupAnswer {
  if (bundle?.resourceType !== 'Bundle') return { kind: 'failed', source, detail: 'the answer is not a Bundle' };
  const matches = (bundle.entry ?? []).filter(
    (e) => e.resource?.resourceType === 'Patient' && (e.search?.mode ?? 'match') === 'match',
  );
  if (matches.length > 1) return { kind: 'failed', source, detail: `${matches.length} Patients hold the IIN` };
  const patient = matches[0]?.resource as fhir4.Patient | undefined;
  return patient ? { kind: 'found', patient, source } : { kind: 'none', source };
}

function failureText(error: unknown, signal: AbortSignal): string {
  const status = (error as { response?: { status?: unknown } })?.response?.status;
  if (typeof status === 'number') return `the register answered ${status}`;
  if (signal.aborted) return 'the register did not answer in time';
  return `no answer (${error instanceof Error ? error.message : String(error)})`;
}
