/**
 * Search parameters of the gateway's own, beside the generated R4 ones. `attached-to` is the
 * union of the two ways a patient is attached to a polyclinic (`managingOrganization`, or a
 * `generalPractitioner` that is the polyclinic or one of its PractitionerRoles), so the
 * organisation compartment (decision 031) is one indexed chained condition instead of an OR
 * across two parameters, which the search IR does not have.
 * @see https://hl7.org/fhir/R4/searchparameter.html
 * @module
 */
import type { SearchParameterDefinition } from './search-parameter-definition.js';

/** The gateway's own parameters, per resource type. */
export const GATEWAY_SEARCH_PARAMETERS: Readonly<Record<string, readonly SearchParameterDefinition[]>> = {
  Patient: [
    {
      code: 'attached-to',
      type: 'reference',
      expression: 'Patient.managingOrganization | Patient.generalPractitioner',
      target: ['Organization', 'Practitioner', 'PractitionerRole'],
      modifiers: ['missing', 'identifier', 'type'],
      url: 'https://fhir.patronage.kz/SearchParameter/Patient-attached-to',
    },
  ],
};
