/**
 * Component schemas: one per resource type the statement names (the type's JSON shape is the
 * FHIR spec's; here its name, a link and the profiles it is validated against), and one per
 * profile of the guide, so a client sees which profiles a type's bodies may claim.
 * @see https://hl7.org/fhir/R4/json.html
 * @module
 */
import type { JsonSchema } from './openapi-types.js';

const SPEC = 'https://hl7.org/fhir/R4';

/** The component schemas for the types and profiles of `statement`. */
export function resourceSchemas(statement: fhir4.CapabilityStatement): Record<string, JsonSchema> {
  const schemas: Record<string, JsonSchema> = {
    Resource: {
      type: 'object',
      required: ['resourceType'],
      properties: { resourceType: { type: 'string' } },
      description: 'Any FHIR R4 resource',
      externalDocs: { url: `${SPEC}/resource.html` },
    },
  };
  const profiles = new Map<string, string>();
  for (const entry of statement.rest?.[0]?.resource ?? []) {
    schemas[entry.type] = typeSchema(entry.type, entry.supportedProfile ?? []);
    for (const url of entry.supportedProfile ?? []) profiles.set(url, entry.type);
  }
  for (const type of ['Bundle', 'OperationOutcome', 'Parameters', 'CapabilityStatement'])
    schemas[type] ??= typeSchema(type, []);
  for (const [url, type] of profiles) schemas[profileSchemaName(url)] = profileSchema(url, type);
  return schemas;
}

function typeSchema(type: string, profiles: readonly string[]): JsonSchema {
  return {
    type: 'object',
    required: ['resourceType'],
    properties: { resourceType: { const: type }, id: { type: 'string' }, meta: { type: 'object' } },
    description: `A FHIR R4 ${type}${profiles.length ? `; validated against ${profiles.length} profile(s) when claimed: ${profiles.join(', ')}` : ''}`,
    externalDocs: { url: `${SPEC}/${type.toLowerCase()}.html` },
  };
}

/** A profile's schema: its base type, claiming the profile in `meta.profile`. */
function profileSchema(url: string, type: string): JsonSchema {
  return {
    allOf: [{ $ref: `#/components/schemas/${type}` }],
    description: `A ${type} that meets the profile ${url} (claimed in meta.profile)`,
    externalDocs: { url },
  };
}

/** A component name for a profile URL: its last path segment, with characters OpenAPI allows. */
export function profileSchemaName(url: string): string {
  return `profile-${(url.split('/').pop() ?? url).replace(/[^A-Za-z0-9._-]/g, '-')}`;
}
