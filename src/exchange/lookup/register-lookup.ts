/**
 * Asking the national register for a Patient by IIN: the port the IIN look-up fall-through
 * uses (decision 035). The Node entry gives a fhir-kit-client implementation
 * (`fhir-register-lookup.ts`); the port keeps Node's `http` out of the shared code.
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
