/**
 * The plan operations as the CapabilityStatement lists them; the routes are
 * `src/http/plans-routes.ts`, the definitions `operation-definitions.ts`.
 * @module
 */
import { operationUrl } from './operation-definitions.js';

/**
 * The plan operations as the CapabilityStatement declares them on each type, each naming its
 * OperationDefinition (served at `/fhir/OperationDefinition/{id}`). `$apply` is R4's operation
 * with this server's patronage inputs, so it names our definition, whose `base` is R4's.
 * @see https://hl7.org/fhir/R4/capabilitystatement-definitions.html#CapabilityStatement.rest.resource.operation
 */
export function plansOperations(resourceType: string): fhir4.CapabilityStatementRestResourceOperation[] {
  if (resourceType === 'PlanDefinition') return [{ name: 'apply', definition: operationUrl('PlanDefinition-apply') }];
  if (resourceType === 'CarePlan') return [{ name: 'worklist', definition: operationUrl('CarePlan-worklist') }];
  return [];
}
