/**
 * The FHIR REST interactions this server implements, per resource type. The router registers
 * exactly these and the CapabilityStatement is generated from them, so the two cannot disagree.
 * @see https://hl7.org/fhir/R4/http.html
 * @module
 */
import { CONFORMANCE_RESOURCE_TYPES } from '../fhir/resource-types.js';

/** Type-level interaction codes. @see https://hl7.org/fhir/R4/valueset-type-restful-interaction.html */
export type TypeInteraction =
  'read' | 'vread' | 'update' | 'patch' | 'delete' | 'history-instance' | 'history-type' | 'create' | 'search-type';

/** Interactions on clinical types: full read/write with history. */
export const WRITABLE_INTERACTIONS: readonly TypeInteraction[] = [
  'read',
  'vread',
  'update',
  'patch',
  'delete',
  'history-instance',
  'history-type',
  'create',
  'search-type',
];

/** Conformance resources come from the implementation guide and are served read-only. */
export const READ_ONLY_INTERACTIONS: readonly TypeInteraction[] = [
  'read',
  'vread',
  'history-instance',
  'history-type',
  'search-type',
];

const READ_ONLY = new Set<string>(CONFORMANCE_RESOURCE_TYPES);

/** The interactions supported on `resourceType`. */
export function interactionsFor(resourceType: string): readonly TypeInteraction[] {
  return READ_ONLY.has(resourceType) ? READ_ONLY_INTERACTIONS : WRITABLE_INTERACTIONS;
}

/** True when `interaction` is supported on `resourceType`. */
export function supports(resourceType: string, interaction: TypeInteraction): boolean {
  return interactionsFor(resourceType).includes(interaction);
}

/** System-level interactions. @see https://hl7.org/fhir/R4/valueset-system-restful-interaction.html */
export const SYSTEM_INTERACTIONS = ['transaction', 'batch', 'history-system'] as const;
