/**
 * Component schemas: a JSON Schema (2020-12) for each resource type the statement serves and
 * for each profile it validates, with the datatypes and backbone elements they reach, generated
 * from the compiled model the validator runs on (`src/generated/`), never written by hand. A
 * profile's schema is its base type's schema plus, in `allOf`, what the profile adds.
 * @see https://hl7.org/fhir/R4/json.html
 * @see https://json-schema.org/draft/2020-12/json-schema-core
 * @module
 */
import { PROFILE_NODES, PROFILE_VALUE_SETS } from '../generated/profiles/profile-model.js';
import { R4_NODES } from '../generated/r4/nodes.js';
import { R4_PRIMITIVES } from '../generated/r4/primitives.js';
import { R4_VALUE_SETS } from '../generated/r4/value-sets.js';
import { ANY_RESOURCE } from '../validation/model/compiled-model.js';
import type { JsonSchema } from './openapi-types.js';
import { BaseSchemas } from './schemas/base-schemas.js';
import { profileNodeSchema } from './schemas/profile-schemas.js';
import type { SchemaModel } from './schemas/schema-model.js';

/** Types every FHIR API answers with or takes, whether or not the server stores them. */
const ALWAYS = ['Bundle', 'OperationOutcome', 'Parameters', 'CapabilityStatement'];

const BASE_MODEL = { nodes: R4_NODES, primitives: R4_PRIMITIVES, valueSets: R4_VALUE_SETS };
// Merged on first use: nothing of the OpenAPI document is built at start-up (Worker startup time).
let profileModel: SchemaModel | undefined;
const PROFILE_MODEL = (): SchemaModel =>
  (profileModel ??= {
    nodes: PROFILE_NODES,
    primitives: R4_PRIMITIVES,
    valueSets: { ...R4_VALUE_SETS, ...PROFILE_VALUE_SETS },
  });

/**
 * The component schemas for the types and profiles of `statement`. Types that only `$validate`
 * takes (not stored here) are described as any resource, to keep the document small.
 */
export function resourceSchemas(statement: fhir4.CapabilityStatement): Record<string, JsonSchema> {
  const base = new BaseSchemas(BASE_MODEL);
  base.ref(ANY_RESOURCE);
  const profiles = new Map<string, string>();
  for (const entry of statement.rest?.[0]?.resource ?? []) {
    if (!entry.interaction?.length) continue;
    base.ref(entry.type);
    for (const url of entry.supportedProfile ?? []) profiles.set(url, entry.type);
  }
  for (const type of ALWAYS) base.ref(type);
  const schemas: Record<string, JsonSchema> = { ...base.components };
  for (const [url, type] of [...profiles].sort(([a], [b]) => a.localeCompare(b)))
    schemas[profileSchemaName(url)] = profileSchema(url, type);
  return schemas;
}

/** A profile's schema: its base type's, and what the profile adds (empty when not compiled here). */
function profileSchema(url: string, type: string): JsonSchema {
  const added = profileNodeSchema(PROFILE_MODEL(), url);
  return {
    allOf: [{ $ref: `#/components/schemas/${type}` }, ...(Object.keys(added).length > 0 ? [added] : [])],
    description: `A ${type} that meets the profile ${url} (checked when claimed in meta.profile). Invariants and references are checked by $validate, not by this schema.`,
    externalDocs: { url },
  };
}

/** A component name for a profile URL: its last path segment, with characters OpenAPI allows. */
export function profileSchemaName(url: string): string {
  return `profile-${(url.split('/').pop() ?? url).replace(/[^A-Za-z0-9._-]/g, '-')}`;
}
