/**
 * An OpenAPI 3.1 description of the FHIR REST API, derived from the server's own
 * CapabilityStatement (see `rest/server-capabilities.ts`): one OpenAPI operation per interaction
 * and operation it declares, nothing written by hand. Each operation carries
 * `x-fhir-capability`, naming the statement entry it stands for.
 * @see https://spec.openapis.org/oas/v3.1.0
 * @see https://hl7.org/fhir/R4/http.html
 * @module
 */
import type { OpenApiDocument, OpenApiOperation, OpenApiPathItem } from './openapi-types.js';
import { resourceSchemas } from './resource-schemas.js';
import { ERROR_RESPONSE, fhirContent, interactionRoutes, schemaRef } from './type-operations.js';

/** Facts about the document that the statement does not hold. */
export interface OpenApiOptions {
  /** The FHIR base as clients reach it, e.g. `/fhir` or `https://host/fhir`. */
  serverUrl: string;
}

/** The OpenAPI document of the API `statement` describes. */
export function buildOpenApi(statement: fhir4.CapabilityStatement, options: OpenApiOptions): OpenApiDocument {
  const rest = statement.rest?.[0];
  const paths: Record<string, OpenApiPathItem> = {};
  const add = (path: string, method: keyof OpenApiPathItem, operation: OpenApiOperation) => {
    (paths[path] ??= {})[method] = operation;
  };
  add('/metadata', 'get', capabilitiesOperation());
  for (const code of rest?.interaction?.map((i) => i.code) ?? []) {
    const system = systemInteraction(code);
    if (system) add(system.path, system.method, system.operation);
  }
  for (const operation of rest?.operation ?? [])
    add(`/$${operation.name}`, 'post', operationRoute('system', operation));
  for (const entry of rest?.resource ?? []) {
    for (const { code } of entry.interaction ?? []) {
      for (const route of interactionRoutes(entry.type, code, entry.searchParam ?? []))
        add(`/${entry.type}${route.path}`, route.method, route.operation);
    }
    for (const operation of entry.operation ?? [])
      add(`/${entry.type}/$${operation.name}`, 'post', operationRoute('type', operation, entry.type));
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Patronage FHIR gateway',
      version: statement.software?.version ?? '0.0.0',
      description: `FHIR ${statement.fhirVersion} REST API, generated from the server's CapabilityStatement (GET /metadata). Bodies are FHIR JSON (application/fhir+json); every error is an OperationOutcome.`,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: options.serverUrl, description: 'This gateway' }],
    tags: [...new Set(Object.values(paths).flatMap((item) => Object.values(item).flatMap((op) => op.tags)))].map(
      (name) => ({ name }),
    ),
    paths,
    components: { schemas: resourceSchemas(statement) },
  };
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
function systemInteraction(
  code: string,
): { path: string; method: keyof OpenApiPathItem; operation: OpenApiOperation } | undefined {
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

/** `POST [base]/$name` or `POST [base]/[type]/$name` with a resource or Parameters body. */
function operationRoute(
  level: 'system' | 'type',
  operation: fhir4.CapabilityStatementRestResourceOperation,
  type?: string,
): OpenApiOperation {
  return {
    operationId: type ? `${type}-$${operation.name}` : `$${operation.name}`,
    summary: `$${operation.name}${type ? ` on ${type}` : ''}`,
    description: `${operation.documentation ? `${operation.documentation} ` : ''}Defined by ${operation.definition}.`,
    tags: [type ?? 'System'],
    requestBody: {
      required: false,
      content: fhirContent({ oneOf: [schemaRef(type ?? 'Resource'), schemaRef('Parameters')] }),
    },
    responses: {
      '200': { description: 'The operation result', content: fhirContent(schemaRef('Resource')) },
      default: ERROR_RESPONSE,
    },
    'x-fhir-capability': { level, kind: 'operation', code: operation.name, ...(type ? { resourceType: type } : {}) },
  };
}
