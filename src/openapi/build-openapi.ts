/**
 * An OpenAPI 3.1 description of the gateway, derived from the server's own CapabilityStatement
 * (see `rest/server-capabilities.ts`): one OpenAPI operation per interaction and operation it
 * declares, each carrying `x-fhir-capability` naming the statement entry it stands for; JSON
 * Schemas of the resource types and profiles generated from the validator's model; and the
 * endpoints outside the FHIR base (`service-endpoints.ts`). Nothing is written by hand.
 * @see https://spec.openapis.org/oas/v3.1.0
 * @see https://hl7.org/fhir/R4/http.html
 * @module
 */
import { invocationOf } from './operation-invocations.js';
import type { JsonSchema, OpenApiDocument, OpenApiOperation, OpenApiPathItem } from './openapi-types.js';
import { resourceSchemas } from './resource-schemas.js';
import { OPERATOR_TOKEN, serviceEndpoints, type ServiceEndpointOptions } from './service-endpoints.js';
import { ERROR_RESPONSE, fhirContent, interactionRoutes, schemaRef } from './type-operations.js';

/** Facts about the document that the statement does not hold. */
export interface OpenApiOptions {
  /** The FHIR base as clients reach it, e.g. `/fhir` or `https://host/fhir`. */
  serverUrl: string;
  /**
   * The endpoints outside the FHIR base this deployment serves; with the JSON Schema of each
   * local record format by name. None when absent.
   */
  service?: Omit<ServiceEndpointOptions, 'rootUrl' | 'formats'> & { formats?: Record<string, JsonSchema> };
}

type Method = keyof OpenApiPathItem;

/** The OpenAPI document of the API `statement` describes. */
export function buildOpenApi(statement: fhir4.CapabilityStatement, options: OpenApiOptions): OpenApiDocument {
  const rest = statement.rest?.[0];
  const schemas = resourceSchemas(statement);
  const schemaOf = (type: string) => schemaRef(Object.hasOwn(schemas, type) ? type : 'Resource');
  const paths: Record<string, OpenApiPathItem> = {};
  const add = (path: string, method: Method, operation: OpenApiOperation) => {
    (paths[path] ??= {})[method] = operation;
  };
  add('/metadata', 'get', capabilitiesOperation());
  for (const code of rest?.interaction?.map((i) => i.code) ?? []) {
    const system = systemInteraction(code);
    if (system) add(system.path, system.method, system.operation);
  }
  for (const operation of rest?.operation ?? [])
    add(`/$${operation.name}`, 'post', operationRoute(operation, { schemaOf }));
  for (const entry of rest?.resource ?? []) {
    for (const { code } of entry.interaction ?? []) {
      for (const route of interactionRoutes(entry.type, code, entry.searchParam ?? []))
        add(`/${entry.type}${route.path}`, route.method, route.operation);
    }
    for (const operation of entry.operation ?? []) {
      for (const route of operationRoutes(entry.type, operation, schemaOf))
        add(route.path, route.method, route.operation);
    }
  }
  const service = options.service;
  if (service) {
    const formats = service.formats ?? {};
    for (const [name, schema] of Object.entries(formats)) schemas[`format-${name}`] = schema;
    const endpoints = serviceEndpoints({
      health: service.health,
      metrics: service.metrics,
      exchange: service.exchange,
      ...(service.smartConfiguration ? { smartConfiguration: true } : {}),
      ...(service.visitFormat ? { visitFormat: service.visitFormat } : {}),
      rootUrl: rootOf(options.serverUrl),
      ...(service.formats ? { formats: Object.keys(formats) } : {}),
    });
    for (const endpoint of endpoints) add(endpoint.path, endpoint.method, endpoint.operation);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Patronage FHIR gateway',
      version: statement.software?.version ?? '0.0.0',
      description: `FHIR ${statement.fhirVersion} REST API, generated from the server's CapabilityStatement (GET /metadata), with JSON Schemas of its resource types and profiles generated from the validator's model, and the gateway's endpoints outside the FHIR base. Bodies are FHIR JSON (application/fhir+json); every error is an OperationOutcome.`,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: options.serverUrl, description: 'The FHIR base of this gateway' }],
    tags: [
      ...new Set(
        Object.values(paths).flatMap((item) => Object.values(item).flatMap((op: OpenApiOperation) => op.tags)),
      ),
    ].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      ...(service?.exchange
        ? {
            securitySchemes: {
              [OPERATOR_TOKEN]: {
                type: 'http' as const,
                scheme: 'bearer' as const,
                description: 'A bearer token with the operator or admin role (ADMIN_TOKEN in development mode only)',
              },
            },
          }
        : {}),
    },
  };
}

/** The gateway root: the FHIR base without its `/fhir`, else its origin. */
function rootOf(serverUrl: string): string {
  if (/\/fhir\/?$/.test(serverUrl)) return serverUrl.replace(/\/fhir\/?$/, '');
  try {
    return new URL(serverUrl).origin;
  } catch {
    return '';
  }
}

function capabilitiesOperation(): OpenApiOperation {
  return {
    operationId: 'capabilities',
    summary: 'The CapabilityStatement',
    tags: ['System'],
    responses: {
      '200': { description: 'What this server supports', content: fhirContent(schemaRef('CapabilityStatement')) },
      default: ERROR_RESPONSE,
    },
    'x-fhir-capability': { level: 'system', kind: 'interaction', code: 'capabilities' },
  };
}

/** Transaction and batch share `POST [base]`: one OpenAPI operation stands for both. */
function systemInteraction(code: string): { path: string; method: Method; operation: OpenApiOperation } | undefined {
  const capability = { level: 'system' as const, kind: 'interaction' as const, code };
  if (code === 'transaction' || code === 'batch') {
    return {
      path: '/',
      method: 'post',
      operation: {
        operationId: 'transaction-or-batch',
        summary: 'Run a transaction (all or nothing) or batch Bundle',
        tags: ['System'],
        requestBody: { required: true, content: fhirContent(schemaRef('Bundle')) },
        responses: {
          '200': {
            description: 'The transaction-response or batch-response Bundle',
            content: fhirContent(schemaRef('Bundle')),
          },
          default: ERROR_RESPONSE,
        },
        'x-fhir-capability': { ...capability, code: 'transaction|batch' },
      },
    };
  }
  if (code === 'history-system') {
    return {
      path: '/_history',
      method: 'get',
      operation: {
        operationId: 'history-system',
        summary: 'History of every resource',
        tags: ['System'],
        responses: {
          '200': { description: 'A history Bundle', content: fhirContent(schemaRef('Bundle')) },
          default: ERROR_RESPONSE,
        },
        'x-fhir-capability': capability,
      },
    };
  }
  return undefined;
}

/**
 * The routes of an operation on `type`: at the type level, on instances, with GET and/or POST,
 * as its route in `src/http/` serves it (`operation-invocations.ts`).
 */
function operationRoutes(
  type: string,
  operation: fhir4.CapabilityStatementRestResourceOperation,
  schemaOf: (type: string) => JsonSchema,
): { path: string; method: Method; operation: OpenApiOperation }[] {
  const invocation = invocationOf(operation.definition);
  const levels = [
    ...(invocation.typeLevel ? [{ path: `/${type}/$${operation.name}`, instance: false }] : []),
    ...(invocation.instanceLevel(type) ? [{ path: `/${type}/{id}/$${operation.name}`, instance: true }] : []),
  ];
  return levels.flatMap(({ path, instance }) =>
    invocation.methods.map((method) => ({
      path,
      method,
      operation: operationRoute(operation, {
        schemaOf,
        type,
        instance,
        method,
        answer: invocation.answer,
        several: invocation.methods.length > 1,
      }),
    })),
  );
}

/** `[base]/$name`, `[base]/[type]/$name` or `[base]/[type]/[id]/$name`. */
function operationRoute(
  operation: fhir4.CapabilityStatementRestResourceOperation,
  how: {
    schemaOf: (type: string) => JsonSchema;
    type?: string;
    instance?: boolean;
    method?: 'get' | 'post';
    answer?: ReturnType<typeof invocationOf>['answer'];
    several?: boolean;
  },
): OpenApiOperation {
  const { type, instance = false, method = 'post' } = how;
  const answer = how.answer ?? { schema: 'Resource' };
  const content =
    'mediaType' in answer
      ? { [answer.mediaType]: { schema: answer.schema } }
      : fhirContent(how.schemaOf(answer.schema));
  const where = type ? ` on ${instance ? `a ${type}` : type}` : '';
  return {
    operationId: `${type ? `${type}-` : ''}${instance ? 'instance-' : ''}$${operation.name}${how.several ? `-${method}` : ''}`,
    summary: `$${operation.name}${where}`,
    description: `${operation.documentation ? `${operation.documentation} ` : ''}Defined by ${operation.definition}.`,
    tags: [type ?? 'System'],
    ...(instance
      ? {
          parameters: [
            { name: 'id', in: 'path' as const, required: true, description: 'Logical id', schema: { type: 'string' } },
          ],
        }
      : {}),
    ...(method === 'post'
      ? {
          requestBody: {
            required: false,
            content: fhirContent({ oneOf: [how.schemaOf(type ?? 'Resource'), schemaRef('Parameters')] }),
          },
        }
      : {}),
    responses: { '200': { description: 'The operation result', content }, default: ERROR_RESPONSE },
    'x-fhir-capability': {
      level: type ? 'type' : 'system',
      kind: 'operation',
      code: operation.name,
      ...(type ? { resourceType: type } : {}),
      ...(instance ? { at: 'instance' as const } : {}),
    },
  };
}
