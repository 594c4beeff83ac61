/**
 * The plan operations as the CapabilityStatement lists them; the routes are
 * `src/http/plans-routes.ts`.
 * @module
 */

/**
 * The plan operations as the CapabilityStatement declares them on each type. `$worklist` is
 * this server's own operation (no OperationDefinition is published for it yet).
 * @see https://hl7.org/fhir/R4/capabilitystatement-definitions.html#CapabilityStatement.rest.resource.operation
 */
export function plansOperations(resourceType: string): fhir4.CapabilityStatementRestResourceOperation[] {
  if (resourceType === 'PlanDefinition')
    return [{ name: 'apply', definition: 'http://hl7.org/fhir/OperationDefinition/PlanDefinition-apply' }];
  if (resourceType === 'CarePlan')
    return [{ name: 'worklist', definition: 'https://fhir.patronage.kz/OperationDefinition/CarePlan-worklist' }];
  return [];
}
