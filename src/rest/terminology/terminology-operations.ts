/**
 * The terminology operations this server offers, on which types and levels: one table that the
 * routes register and the CapabilityStatement lists, so the two cannot disagree.
 * @see https://hl7.org/fhir/R4/terminology-service.html
 * @module
 */
import type { RestContext, RestResult } from '../context.js';
import { expandOperation } from './expand-operation.js';
import { lookupOperation } from './lookup-operation.js';
import type { TerminologyRequest } from './terminology-request.js';
import { translateOperation } from './translate-operation.js';
import { validateCodeOperation } from './validate-code-operation.js';

/** One terminology operation: its type, name, official definition and whether instances take it. */
export interface TerminologyOperation {
  resourceType: 'ValueSet' | 'CodeSystem' | 'ConceptMap';
  name: string;
  definition: string;
  instance: boolean;
  run: (ctx: RestContext, request: TerminologyRequest) => Promise<RestResult>;
}

const DEFINITIONS = 'http://hl7.org/fhir/OperationDefinition';

/** The operations, with the levels R4 defines for them (`$lookup` has no instance level). */
export const TERMINOLOGY_OPERATIONS: readonly TerminologyOperation[] = [
  {
    resourceType: 'ValueSet',
    name: 'expand',
    definition: `${DEFINITIONS}/ValueSet-expand`,
    instance: true,
    run: expandOperation,
  },
  {
    resourceType: 'ValueSet',
    name: 'validate-code',
    definition: `${DEFINITIONS}/ValueSet-validate-code`,
    instance: true,
    run: validateCodeOperation,
  },
  {
    resourceType: 'CodeSystem',
    name: 'lookup',
    definition: `${DEFINITIONS}/CodeSystem-lookup`,
    instance: false,
    run: lookupOperation,
  },
  {
    resourceType: 'ConceptMap',
    name: 'translate',
    definition: `${DEFINITIONS}/ConceptMap-translate`,
    instance: true,
    run: translateOperation,
  },
];

/** The CapabilityStatement entries of the terminology operations on `resourceType`. */
export function terminologyOperationsFor(resourceType: string): fhir4.CapabilityStatementRestResourceOperation[] {
  return TERMINOLOGY_OPERATIONS.filter((op) => op.resourceType === resourceType).map((op) => ({
    name: op.name,
    definition: op.definition,
  }));
}
