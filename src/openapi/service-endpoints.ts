/**
 * The gateway's endpoints outside the FHIR base, as OpenAPI operations: pages, health and
 * metrics, the local-record formats with ingest and export, and the exchange's operator API.
 * Each group is listed only when this deployment serves it (the same conditions under which
 * `src/http/app.ts` registers its routes); `test/integration/openapi-routes.test.ts` compares
 * the list with the app's route table both ways, so a route cannot be added or removed
 * without this document following. Their servers are the gateway's root, not the FHIR base.
 * @see https://spec.openapis.org/oas/v3.1.0#operation-object
 * @module
 */
import type { JsonSchema, OpenApiOperation, OpenApiParameter } from './openapi-types.js';
import { schemaRef } from './type-operations.js';

/** What decides which endpoint groups are served (see `AppDependencies`). */
export interface ServiceEndpointOptions {
  /** The gateway's root URL (where `/healthz` is), without a trailing slash. */
  rootUrl: string;
  /** `/healthz` and `/readyz`. */
  health: boolean;
  /** `/metrics` (Node only). */
  metrics: boolean;
  /** The local formats by name, when mappings are loaded (`/formats`, `/ingest`, `/export`). */
  formats?: readonly string[];
  /** The format the visit mapping reads (its schema is the component `format-{name}`). */
  visitFormat?: string;
  /** The operator API of the exchange. */
  exchange: boolean;
  /** `/.well-known/smart-configuration`, served when access control is on (decision 031). */
  smartConfiguration?: boolean;
}

/** One endpoint: its path from the root, method and operation. */
export interface ServiceEndpoint {
  path: string;
  method: 'get' | 'post';
  operation: OpenApiOperation;
}

/** Name of the security scheme of the operator API. */
export const OPERATOR_TOKEN = 'operatorToken';

const JSON_OBJECT: JsonSchema = { type: 'object' };
const TEXT: JsonSchema = { type: 'string' };
const PROMETHEUS = 'text/plain; version=0.0.4';

/** The endpoints this deployment serves outside the FHIR base. */
export function serviceEndpoints(options: ServiceEndpointOptions): ServiceEndpoint[] {
  const servers = [{ url: options.rootUrl, description: 'The gateway root' }];
  const endpoints = [
    ...pageEndpoints(),
    ...(options.health ? healthEndpoints() : []),
    ...(options.metrics ? [metricsEndpoint()] : []),
    ...(options.formats ? formatEndpoints(options.formats, options.visitFormat) : []),
    ...(options.exchange ? exchangeEndpoints() : []),
    ...(options.smartConfiguration ? smartEndpoints() : []),
    operationDefinitionEndpoint(),
  ];
  return endpoints.map((endpoint) => ({ ...endpoint, operation: { ...endpoint.operation, servers } }));
}

interface Spec {
  path: string;
  method?: 'get' | 'post';
  id: string;
  summary: string;
  tag: string;
  parameters?: OpenApiParameter[];
  body?: OpenApiOperation['requestBody'];
  ok: [mediaType: string, schema: JsonSchema, description?: string];
  /** Errors are OperationOutcomes; pages answer plain text. */
  errors?: 'fhir' | 'text' | 'none';
  security?: true;
}

function endpoint(spec: Spec): ServiceEndpoint {
  const [mediaType, schema, description] = spec.ok;
  const responses: OpenApiOperation['responses'] = {
    '200': { description: description ?? 'Success', content: { [mediaType]: { schema } } },
  };
  if (spec.errors === 'fhir' || spec.errors === undefined)
    responses.default = {
      description: 'An OperationOutcome saying what went wrong',
      content: { 'application/fhir+json': { schema: schemaRef('OperationOutcome') } },
    };
  if (spec.errors === 'text')
    responses['404'] = { description: 'Not found', content: { 'text/plain': { schema: TEXT } } };
  return {
    path: spec.path,
    method: spec.method ?? 'get',
    operation: {
      operationId: spec.id,
      summary: spec.summary,
      tags: [spec.tag],
      ...(spec.parameters ? { parameters: spec.parameters } : {}),
      ...(spec.body ? { requestBody: spec.body } : {}),
      responses,
      ...(spec.security ? { security: [{ [OPERATOR_TOKEN]: [] }] } : {}),
    },
  };
}

const pathParam = (name: string, description: string, schema: JsonSchema = TEXT): OpenApiParameter => ({
  name,
  in: 'path',
  required: true,
  description,
  schema,
});
const queryParam = (name: string, description: string, schema: JsonSchema = TEXT): OpenApiParameter => ({
  name,
  in: 'query',
  description,
  schema,
});

/** auth/smart-configuration.ts: the SMART App Launch discovery document, at the root and under the base. */
function smartEndpoints(): ServiceEndpoint[] {
  return ['', '/fhir'].map((prefix) =>
    endpoint({
      path: `${prefix}/.well-known/smart-configuration`,
      id: `smart-configuration${prefix.replace('/', '-')}`,
      summary: 'SMART on FHIR configuration: token endpoint, scopes and capabilities offered',
      tag: 'Access',
      ok: ['application/json', JSON_OBJECT],
      errors: 'none',
    }),
  );
}

/** plans-routes.ts: the OperationDefinitions of the gateway's own operations, read by id. */
function operationDefinitionEndpoint(): ServiceEndpoint {
  return endpoint({
    path: '/fhir/OperationDefinition/{id}',
    id: 'read-operation-definition',
    summary: "One of the gateway's OperationDefinitions ($worklist, $growth-chart, $apply)",
    tag: 'OperationDefinition',
    parameters: [pathParam('id', 'Its id, e.g. CarePlan-worklist')],
    // OperationDefinition is not a stored type, so it has no schema of its own here.
    ok: ['application/fhir+json', schemaRef('Resource')],
  });
}

/** pages-routes.ts and openapi-route.ts. */
function pageEndpoints(): ServiceEndpoint[] {
  const page = (path: string, id: string, summary: string, parameters?: OpenApiParameter[]) =>
    endpoint({
      path,
      id,
      summary,
      tag: 'Pages',
      ok: ['text/html', TEXT, 'An HTML page'],
      errors: parameters ? 'text' : 'none',
      ...(parameters ? { parameters } : {}),
    });
  return [
    page('/', 'home-page', 'Home page: what the gateway is and where to go next'),
    page('/api', 'api-reference', 'This API reference, in a viewer'),
    page('/api/assets/{name}', 'api-reference-asset', "A file of the API reference's viewer", [
      pathParam('name', 'File name'),
    ]),
    page('/guide', 'guide-index', 'The implementation guide: profiles, value sets, examples'),
    page('/guide/visit-schedule', 'guide-visit-schedule', 'The visit schedule of the programme'),
    page('/guide/examples/{type}/{id}', 'guide-example', 'An example resource of the guide', [
      pathParam('type', 'Resource type'),
      pathParam('id', 'Example id'),
    ]),
    page('/guide/{type}/{id}', 'guide-resource', 'A profile, value set or code system of the guide', [
      pathParam('type', 'StructureDefinition, ValueSet or CodeSystem'),
      pathParam('id', 'Its id'),
    ]),
    endpoint({
      path: '/openapi.json',
      id: 'openapi',
      summary: 'This OpenAPI 3.1 document',
      tag: 'Pages',
      ok: ['application/json', JSON_OBJECT, 'The OpenAPI document'],
      errors: 'none',
    }),
  ];
}

/** ops-routes.ts. */
function healthEndpoints(): ServiceEndpoint[] {
  const checks: JsonSchema = {
    type: 'array',
    items: {
      type: 'object',
      required: ['name', 'ok'],
      properties: { name: TEXT, ok: { type: 'boolean' }, problem: TEXT },
    },
  };
  const readyz = endpoint({
    path: '/readyz',
    id: 'readyz',
    summary: 'Ready: database reachable, migrations applied, guide loaded (503 otherwise)',
    tag: 'Operations',
    ok: ['application/json', { type: 'object', properties: { status: { const: 'ready' }, checks } }],
    errors: 'none',
  });
  readyz.operation.responses['503'] = {
    description: 'Not ready; the failed checks say why',
    content: { 'application/json': { schema: { type: 'object', properties: { status: TEXT, checks } } } },
  };
  const healthz = endpoint({
    path: '/healthz',
    id: 'healthz',
    summary: 'Alive: the process answers',
    tag: 'Operations',
    ok: ['application/json', { type: 'object', properties: { status: { const: 'ok' } } }],
    errors: 'none',
  });
  return [healthz, readyz];
}

function metricsEndpoint(): ServiceEndpoint {
  return endpoint({
    path: '/metrics',
    id: 'metrics',
    summary: 'Prometheus metrics: requests, latency, validation failures, database timings',
    tag: 'Operations',
    ok: [PROMETHEUS, TEXT, 'Prometheus text exposition format'],
    errors: 'none',
  });
}

/** ingest-routes.ts (its `$transform` is a FHIR operation, listed with the others). */
function formatEndpoints(formats: readonly string[], visitFormat: string | undefined): ServiceEndpoint[] {
  const record: JsonSchema = visitFormat ? schemaRef(`format-${visitFormat}`) : JSON_OBJECT;
  const source = queryParam('source', 'Sending system, lower-case letters, digits and hyphens (default mis)', {
    type: 'string',
    pattern: '^[a-z0-9][a-z0-9-]{0,62}$',
  });
  return [
    endpoint({
      path: '/formats/{file}',
      id: 'format-schema',
      summary: 'The JSON Schema of a local record format',
      tag: 'Local formats',
      parameters: [
        pathParam('file', 'The format name with .schema.json', { enum: formats.map((name) => `${name}.schema.json`) }),
      ],
      ok: ['application/schema+json', JSON_OBJECT, 'A JSON Schema'],
    }),
    endpoint({
      path: '/ingest/visits',
      method: 'post',
      id: 'ingest-visits',
      summary: 'Ingest visit records (JSON object, JSON array or CSV); a report per record',
      tag: 'Local formats',
      parameters: [source, queryParam('dryRun', 'true: check and map, store nothing', { enum: ['true', 'false'] })],
      body: {
        required: true,
        content: {
          'application/json': { schema: { oneOf: [record, { type: 'array', items: record }] } },
          'text/csv': { schema: TEXT },
        },
      },
      ok: ['application/json', { type: 'object', properties: { summary: JSON_OBJECT, records: { type: 'array' } } }],
    }),
    endpoint({
      path: '/export/visits',
      id: 'export-visits',
      summary: 'Visits as local records (JSON, or CSV with _format=csv)',
      tag: 'Local formats',
      parameters: [queryParam('_format', 'csv for CSV', { enum: ['json', 'csv'] })],
      ok: ['application/json', { type: 'array', items: record }],
    }),
  ];
}

/** exchange-routes.ts: a bearer token of an operator (operator-access.ts). */
function exchangeEndpoints(): ServiceEndpoint[] {
  const base = '/admin/exchange';
  const seq = pathParam('seq', 'Delivery sequence number', { type: 'string', pattern: '^[0-9]+$' });
  const filter = [queryParam('state', 'Delivery state'), queryParam('destination', 'Destination name')];
  const op = (spec: Omit<Spec, 'tag' | 'security' | 'ok'> & { ok?: Spec['ok'] }) =>
    endpoint({ tag: 'Exchange operator API', security: true, ok: ['application/json', JSON_OBJECT], ...spec });
  return [
    op({
      path: `${base}/deliveries`,
      id: 'exchange-deliveries',
      summary: 'Deliveries to national systems',
      parameters: [...filter, queryParam('_count', 'Most rows')],
    }),
    op({ path: `${base}/deliveries/{seq}`, id: 'exchange-delivery', summary: 'One delivery', parameters: [seq] }),
    op({
      path: `${base}/deliveries/{seq}/retry`,
      method: 'post',
      id: 'exchange-retry',
      summary: 'Retry one delivery',
      parameters: [seq],
    }),
    op({
      path: `${base}/requeue`,
      method: 'post',
      id: 'exchange-requeue',
      summary: 'Retry every undelivered row matching the filter (dead letters by default)',
      parameters: filter,
    }),
    ...(['pause', 'resume'] as const).map((action) =>
      op({
        path: `${base}/destinations/{name}/${action}`,
        method: 'post',
        id: `exchange-${action}`,
        summary: `${action === 'pause' ? 'Pause' : 'Resume'} forwarding to a destination`,
        parameters: [pathParam('name', 'Destination name')],
      }),
    ),
    op({ path: `${base}/counters`, id: 'exchange-counters', summary: 'Delivery counts by state and destination' }),
    op({
      path: `${base}/metrics`,
      id: 'exchange-metrics',
      summary: 'The delivery counters in Prometheus text',
      ok: [PROMETHEUS, TEXT],
    }),
  ];
}
