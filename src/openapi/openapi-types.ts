/**
 * The parts of an OpenAPI 3.1 document the generator writes.
 * @see https://spec.openapis.org/oas/v3.1.0
 * @module
 */

/** A JSON Schema (2020-12 dialect, as OpenAPI 3.1 uses it). */
export type JsonSchema = Record<string, unknown>;

/** An Operation Object. */
export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: OpenApiParameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
  /** Servers of an endpoint outside the FHIR base (the gateway root). */
  servers?: { url: string; description: string }[];
  /** Security requirements (the operator API's bearer token). */
  security?: Record<string, string[]>[];
  /**
   * The CapabilityStatement entry this operation stands for: interaction or operation code, and
   * the level it is invoked at. Absent on the endpoints outside the FHIR base.
   */
  'x-fhir-capability'?: {
    level: 'system' | 'type';
    /** `instance` for `[type]/[id]/$name`; the statement lists type and instance levels as one. */
    at?: 'instance';
    resourceType?: string;
    kind: 'interaction' | 'operation';
    code: string;
  };
}

/** A Parameter Object. */
export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  description?: string;
  schema: JsonSchema;
}

/** A Path Item Object: the operations of one path, by lower-case method. */
export type OpenApiPathItem = Partial<Record<'get' | 'put' | 'post' | 'delete' | 'patch', OpenApiOperation>>;

/** The document. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string; license: { name: string; identifier: string } };
  servers: { url: string; description: string }[];
  tags: { name: string; description?: string }[];
  paths: Record<string, OpenApiPathItem>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes?: Record<string, { type: 'http'; scheme: 'bearer'; description: string }>;
  };
}
