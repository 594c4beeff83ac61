/**
 * The Patients a message's child may already be: those holding any of its national
 * identifiers (IIN or provisional newborn identifier), through the ordinary search.
 * @module
 */
import { IIN_SYSTEM, PROVISIONAL_NEWBORN_SYSTEM } from '../../fhir/canonical.js';
import type { RestContext } from '../../rest/context.js';
import { searchType } from '../../rest/search.js';

/** The identifiers a child is matched on, in this order. */
export const MATCHING_SYSTEMS = [IIN_SYSTEM, PROVISIONAL_NEWBORN_SYSTEM] as const;

/** The first identifier of `patient` with `system`. */
export function identifierOf(patient: fhir4.Patient, system: string): fhir4.Identifier | undefined {
  return patient.identifier?.find((i) => i.system === system && typeof i.value === 'string');
}

/** Stored Patients holding an IIN or provisional identifier of `patient`, each once. */
export async function storedMatches(ctx: RestContext, patient: fhir4.Patient): Promise<fhir4.Patient[]> {
  const found = new Map<string, fhir4.Patient>();
  for (const system of MATCHING_SYSTEMS) {
    const identifier = identifierOf(patient, system);
    if (!identifier) continue;
    const params = new URLSearchParams({ identifier: `${system}|${identifier.value!}` });
    const bundle = await searchType(ctx, { resourceType: 'Patient', params, baseUrl: '', strict: true });
    for (const entry of bundle.entry ?? []) {
      const match = entry.resource as fhir4.Patient | undefined;
      if (match?.resourceType === 'Patient' && match.id) found.set(match.id, match);
    }
  }
  return [...found.values()];
}
