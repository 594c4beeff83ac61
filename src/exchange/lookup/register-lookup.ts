/**
 * Asking the national register for a Patient by IIN: the port the IIN look-up fall-through
 * uses (decision 035). The Node entry gives a fhir-kit-client implementation
 * (`fhir-register-lookup.ts`), the Worker a `fetch` one (`fetch-register-lookup.ts`); the port
 * keeps Node's `http` out of the shared code. Both read the register's answer here.
 * @module
 */

/** What the register said about an IIN. */
export type LookupAnswer =
  | { kind: 'found'; patient: fhir4.Patient; source: string }
  | { kind: 'none'; source: string }
  | { kind: 'failed'; source: string; detail: string };

/** Asks a national register for the Patient holding an IIN. */
export interface RegisterLookup {
  /** The destination's name (for the searchset's OperationOutcome). */
  name: string;
  findByIin(iin: string): Promise<LookupAnswer>;
}

/** The register's searchset as an answer: one Patient, none, or a failure (several, not a Bundle). */
export function answerOf(bundle: fhir4.Bundle, source: string): LookupAnswer {
  if (bundle?.resourceType !== 'Bundle') return { kind: 'failed', source, detail: 'the answer is not a Bundle' };
  const matches = (bundle.entry ?? []).filter(
    (e) => e.resource?.resourceType === 'Patient' && (e.search?.mode ?? 'match') === 'match',
  );
  if (matches.length > 1) return { kind: 'failed', source, detail: `${matches.length} Patients hold the IIN` };
  const patient = matches[0]?.resource as fhir4.Patient | undefined;
  return patient ? { kind: 'found', patient, source } : { kind: 'none', source };
}

/** What went wrong with a call, for the searchset's warning. */
export function failureText(error: unknown, signal: AbortSignal): string {
  const status = (error as { response?: { status?: unknown } })?.response?.status;
  if (typeof status === 'number') return `the register answered ${status}`;
  if (signal.aborted) return 'the register did not answer in time';
  return `no answer (${error instanceof Error ? error.message : String(error)})`;
}
