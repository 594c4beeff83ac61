/**
 * OpenAPI operations for the REST interactions of one resource type, as FHIR R4 defines their
 * URLs, methods and bodies.
 * @see https://hl7.org/fhir/R4/http.html
 * @module
 */
import type { JsonSchema, OpenApiOperation, OpenApiParameter } from './openapi-types.js';

const FHIR_JSON = 'application/fhir+json';
const JSON_PATCH = 'application/json-patch+json';
const SPEC = 'https://hl7.org/fhir/R4/http.html';

/** `#/components/schemas/{name}`. */
export function schemaRef(name: string): JsonSchema {
  return { $ref: `#/components/schemas/${name}` };
}

/** A body or answer of `schema` as FHIR JSON. */
export function fhirContent(schema: JsonSchema): Record<string, { schema: JsonSchema }> {
  return { [FHIR_JSON]: { schema } };
}

/** Every error is an OperationOutcome. */
export const ERROR_RESPONSE = {
  description: 'An OperationOutcome saying what went wrong',
  content: fhirContent(schemaRef('OperationOutcome')),
};

const ID: OpenApiParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'Logical id',
  schema: { type: 'string', pattern: '^[A-Za-z0-9\\-\\.]{1,64}$' },
};
const VID: OpenApiParameter = {
  name: 'vid',
  in: 'path',
  required: true,
  description: 'Version id',
  schema: { type: 'string' },
};
const IF_MATCH: OpenApiParameter = {
  name: 'If-Match',
  in: 'header',
  description: 'W/"versionId": 412 when the stored version differs',
  schema: { type: 'string' },
};
const PREFER: OpenApiParameter = {
  name: 'Prefer',
  in: 'header',
  description: 'return=minimal | representation | OperationOutcome',
  schema: { type: 'string' },
};

/** One interaction's place in the API: path (after `/{type}`), method and operation body. */
export interface InteractionRoute {
  path: string;
  method: 'get' | 'put' | 'post' | 'delete' | 'patch';
  operation: OpenApiOperation;
}

type Spec = Omit<InteractionRoute, 'operation'> &
  Omit<OpenApiOperation, 'operationId' | 'tags' | 'x-fhir-capability' | 'responses'> & {
    ok: [string, string, JsonSchema?];
  };

/** The OpenAPI operations of `interaction` on `type`; `searchParams` feed search-type. */
export function interactionRoutes(
  type: string,
  interaction: string,
  searchParams: readonly fhir4.CapabilityStatementRestResourceSearchParam[],
): InteractionRoute[] {
  const resource = schemaRef(type);
  const bundle = schemaRef('Bundle');
  const specs: Record<string, Spec[]> = {
    read: [
      {
        path: '/{id}',
        method: 'get',
        summary: `Read a ${type}`,
        parameters: [ID],
        ok: ['200', `The current ${type}`, resource],
      },
    ],
    vread: [
      {
        path: '/{id}/_history/{vid}',
        method: 'get',
        summary: `Read one version of a ${type}`,
        parameters: [ID, VID],
        ok: ['200', 'That version', resource],
      },
    ],
    update: [
      {
        path: '/{id}',
        method: 'put',
        summary: `Update (or create with this id) a ${type}`,
        parameters: [ID, IF_MATCH, PREFER],
        requestBody: { required: true, content: fhirContent(resource) },
        ok: ['200', 'Updated (201 when created)', resource],
      },
    ],
    patch: [
      {
        path: '/{id}',
        method: 'patch',
        summary: `Patch a ${type} (JSON Patch or FHIRPath Patch)`,
        parameters: [ID, IF_MATCH, PREFER],
        requestBody: {
          required: true,
          content: {
            [JSON_PATCH]: { schema: { type: 'array', items: { type: 'object' } } },
            ...fhirContent(schemaRef('Parameters')),
          },
        },
        ok: ['200', 'Patched', resource],
      },
    ],
    delete: [
      {
        path: '/{id}',
        method: 'delete',
        summary: `Delete a ${type}`,
        parameters: [ID],
        ok: ['200', 'Deleted; a later read answers 410'],
      },
    ],
    'history-instance': [
      {
        path: '/{id}/_history',
        method: 'get',
        summary: `History of one ${type}`,
        parameters: [ID],
        ok: ['200', 'A history Bundle', bundle],
      },
    ],
    'history-type': [
      {
        path: '/_history',
        method: 'get',
        summary: `History of all ${type} resources`,
        ok: ['200', 'A history Bundle', bundle],
      },
    ],
    create: [
      {
        path: '',
        method: 'post',
        summary: `Create a ${type}`,
        parameters: [
          PREFER,
          {
            name: 'If-None-Exist',
            in: 'header',
            description: 'Conditional create: a search query',
            schema: { type: 'string' },
          },
        ],
        requestBody: { required: true, content: fhirContent(resource) },
        ok: ['201', 'Created; Location names the new version', resource],
      },
    ],
    'search-type': [
      {
        path: '',
        method: 'get',
        summary: `Search ${type}`,
        parameters: searchParams.map(toQueryParameter),
        ok: ['200', 'A searchset Bundle', bundle],
      },
      {
        path: '/_search',
        method: 'post',
        summary: `Search ${type} with a form body`,
        requestBody: {
          required: false,
          content: {
            'application/x-www-form-urlencoded': {
              schema: { type: 'object', additionalProperties: { type: 'string' } },
            },
          },
        },
        ok: ['200', 'A searchset Bundle', bundle],
      },
    ],
  };
  return (specs[interaction] ?? []).map(({ path, method, ok, ...rest }) => ({
    path,
    method,
    operation: {
      operationId: `${type}-${interaction}${path === '/_search' ? '-post' : ''}`,
      tags: [type],
      ...rest,
      description: `${rest.description ?? ''}See ${SPEC}.`.trim(),
      responses: {
        [ok[0]]: { description: ok[1], ...(ok[2] ? { content: fhirContent(ok[2]) } : {}) },
        default: ERROR_RESPONSE,
      },
      'x-fhir-capability': { level: 'type', resourceType: type, kind: 'interaction', code: interaction },
    },
  }));
}

/** A search parameter as a query parameter; its FHIR type and expression in the description. */
function toQueryParameter(param: fhir4.CapabilityStatementRestResourceSearchParam): OpenApiParameter {
  return {
    name: param.name,
    in: 'query',
    description: `${param.type} search parameter${param.documentation ? `: ${param.documentation}` : ''}`,
    schema: { type: 'string' },
  };
}
