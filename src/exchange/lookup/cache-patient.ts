/**
 * Keeps the register's answer as a local Patient, marked as such: `meta.source` names where it
 * came from and a `record-source#national-register` tag says it was not written by a local
 * client. Written by a conditional create on the IIN through the transaction pipeline (checked,
 * indexed, reactions run), so two look-ups racing store one Patient.
 * @see https://hl7.org/fhir/R4/resource-definitions.html#Meta.source
 * @module
 */
import { IIN_SYSTEM } from '../../fhir/canonical.js';
import { FhirError } from '../../fhir/outcome.js';
import type { RestContext } from '../../rest/context.js';
import { processBundle } from '../../rest/transaction.js';
import { NATIONAL_REGISTER_TAG } from '../messages/message-events.js';

/** Elements holding references to the register's own records, which mean nothing here. */
const REFERENCE_ELEMENTS = ['managingOrganization', 'generalPractitioner', 'link', 'contact'] as const;

/** The register's Patient as it is stored here. */
export function cachedCopy(patient: fhir4.Patient, source: string): fhir4.Patient {
  const { id, meta: _meta, text: _text, ...content } = patient;
  for (const element of REFERENCE_ELEMENTS) delete (content as Record<string, unknown>)[element];
  return {
    ...content,
    meta: { source: id ? `${source}/Patient/${id}` : source, tag: [NATIONAL_REGISTER_TAG] },
  };
}

/** Stores `patient` unless a Patient with `iin` is stored meanwhile; the stored Patient's reference, or why not. */
export async function cachePatient(
  ctx: RestContext,
  patient: fhir4.Patient,
  iin: string,
  baseUrl: string,
): Promise<{ reference: string } | { failed: string }> {
  const transaction: fhir4.Bundle = {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        resource: patient,
        request: { method: 'POST', url: 'Patient', ifNoneExist: `identifier=${IIN_SYSTEM}|${iin}` },
      },
    ],
  };
  try {
    const response = await processBundle(ctx, transaction, { baseUrl });
    const location = response.entry?.[0]?.response?.location ?? '';
    const match = /(Patient\/[^/]+)/.exec(location);
    return match ? { reference: match[1]! } : { failed: 'the write gave no location' };
  } catch (error) {
    if (error instanceof FhirError && error.status < 500) return { failed: error.message };
    throw error;
  }
}
