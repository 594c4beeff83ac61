/**
 * A child's record as a message brings it, laid onto the record the gateway already holds: the
 * stored Patient keeps its id (so every reference to it still resolves) and everything it says;
 * the message adds identifiers it lacks (the IIN for a provisionally registered child) and
 * fills elements the stored record does not have. A different IIN is a conflict, never a change.
 * @module
 */
import { IIN_SYSTEM } from '../../fhir/canonical.js';
import { error, type Issue } from '../../fhir/outcome.js';
import { identifierOf } from './find-patients.js';

/** Elements that belong to the stored version, never taken from the message. */
const KEPT = new Set(['resourceType', 'id', 'meta', 'identifier', 'text']);

/** The merged Patient, or the issues that forbid merging (located on the incoming Patient). */
export function mergePatient(
  stored: fhir4.Patient,
  incoming: fhir4.Patient,
  locate: (path: string) => string,
): { merged: fhir4.Patient } | { issues: Issue[] } {
  const storedIin = identifierOf(stored, IIN_SYSTEM)?.value;
  const incomingIin = identifierOf(incoming, IIN_SYSTEM)?.value;
  if (storedIin && incomingIin && storedIin !== incomingIin) {
    const at = (incoming.identifier ?? []).findIndex((i) => i.system === IIN_SYSTEM);
    const message = `Patient/${stored.id!} already holds IIN ${storedIin}; the message gives ${incomingIin}`;
    return { issues: [error('conflict', message, locate(`Patient.identifier[${at}]`))] };
  }
  const merged: Record<string, unknown> = { ...stored, identifier: mergedIdentifiers(stored, incoming) };
  for (const [name, value] of Object.entries(incoming)) {
    if (!KEPT.has(name) && merged[name] === undefined) merged[name] = value;
  }
  const profiles = [...new Set([...(stored.meta?.profile ?? []), ...(incoming.meta?.profile ?? [])])];
  if (profiles.length) merged.meta = { ...stored.meta, profile: profiles };
  return { merged: merged as unknown as fhir4.Patient };
}

function mergedIdentifiers(stored: fhir4.Patient, incoming: fhir4.Patient): fhir4.Identifier[] {
  const out = [...(stored.identifier ?? [])];
  for (const identifier of incoming.identifier ?? []) {
    if (!out.some((i) => i.system === identifier.system && i.value === identifier.value)) out.push(identifier);
  }
  return out;
}
