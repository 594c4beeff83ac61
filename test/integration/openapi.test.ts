// /openapi.json: valid OpenAPI 3.1, and one operation per interaction and operation of the
// CapabilityStatement the same server answers at /fhir/metadata, and nothing else (issue 16).
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import type { OpenApiDocument } from '../../src/openapi/openapi-types.js';
import { useNodeServer } from './fhir-client.js';

const served = useNodeServer({}, { auditCheck: true });

async function documents(): Promise<{ openapi: OpenApiDocument; statement: fhir4.CapabilityStatement }> {
  const origin = new URL(served.server.baseUrl).origin;
  const res = await fetch(`${origin}/openapi.json`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/json');
  const statement = (await served.client.capabilityStatement()) as unknown as fhir4.CapabilityStatement;
  return { openapi: (await res.json()) as OpenApiDocument, statement };
}

/** `level|type|kind|code` of every interaction and operation the statement declares. */
function statementCapabilities(statement: fhir4.CapabilityStatement): string[] {
  const rest = statement.rest![0]!;
  return [
    'system||interaction|capabilities',
    ...(rest.interaction ?? []).map((i) => `system||interaction|${i.code}`),
    ...(rest.operation ?? []).map((o) => `system||operation|${o.name}`),
    ...(rest.resource ?? []).flatMap((r) => [
      ...(r.interaction ?? []).map((i) => `type|${r.type}|interaction|${i.code}`),
      ...(r.operation ?? []).map((o) => `type|${r.type}|operation|${o.name}`),
    ]),
  ].sort();
}

/** The same keys, read back from the OpenAPI operations' `x-fhir-capability`. */
function openApiCapabilities(openapi: OpenApiDocument): string[] {
  const keys = new Set<string>();
  for (const item of Object.values(openapi.paths)) {
    for (const operation of Object.values(item)) {
      const c = operation['x-fhir-capability'];
      if (!c) continue;
      for (const code of c.code.split('|')) keys.add(`${c.level}|${c.resourceType ?? ''}|${c.kind}|${code}`);
    }
  }
  return [...keys].sort();
}

describe('/openapi.json', () => {
  it('validates against the OpenAPI 3.1 schema', async () => {
    const { openapi } = await documents();
    expect(openapi.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(openapi as unknown as Record<string, unknown>);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('has one operation for each interaction and operation of the CapabilityStatement, and no other', async () => {
    const { openapi, statement } = await documents();
    const expected = statementCapabilities(statement);
    expect(expected.length).toBeGreaterThan(300);
    expect(openApiCapabilities(openapi)).toEqual(expected);
  });

  it('marks exactly the endpoints outside the FHIR base with the gateway root as their server', async () => {
    const { openapi } = await documents();
    const root = new URL(served.server.baseUrl).origin;
    const outside: string[] = [];
    for (const [path, item] of Object.entries(openapi.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (operation['x-fhir-capability']) expect(operation.servers, `${method} ${path}`).toBeUndefined();
        else {
          expect(operation.servers, `${method} ${path}`).toEqual([{ url: root, description: 'The gateway root' }]);
          outside.push(`${method} ${path}`);
        }
      }
    }
    for (const endpoint of ['get /healthz', 'get /readyz', 'get /metrics', 'post /ingest/visits', 'get /export/visits'])
      expect(outside).toContain(endpoint);
  });

  it('describes $validate on types and on instances of the stored types, with the type as the body', async () => {
    const { openapi } = await documents();
    const instance = openapi.paths['/Patient/{id}/$validate']!.post!;
    expect(instance['x-fhir-capability']).toMatchObject({ resourceType: 'Patient', code: 'validate', at: 'instance' });
    expect(JSON.stringify(instance.requestBody)).toContain('#/components/schemas/Patient');
    expect(openapi.paths['/Patient/$validate']!.post).toBeDefined();
    // Account is not stored: its type-level $validate takes any resource, and it has no instance level.
    expect(openapi.paths['/Account/$validate']!.post).toBeDefined();
    expect(openapi.paths['/Account/{id}/$validate']).toBeUndefined();
  });

  it('lists every search parameter of a type on its search operation, with the type in the description', async () => {
    const { openapi, statement } = await documents();
    const observation = statement.rest![0]!.resource!.find((r) => r.type === 'Observation')!;
    const search = openapi.paths['/Observation']!.get!;
    expect(search.parameters!.map((p) => p.name).sort()).toEqual(observation.searchParam!.map((p) => p.name).sort());
    const code = search.parameters!.find((p) => p.name === 'code')!;
    expect(code.description).toMatch(/^token search parameter/);
  });

  it('declares every resolvable $ref, the guide profiles among the schemas, and this server as the server', async () => {
    const { openapi } = await documents();
    const refs = JSON.stringify(openapi.paths).match(/#\/components\/schemas\/[^"]+/g) ?? [];
    for (const ref of new Set(refs)) expect(openapi.components.schemas, ref).toHaveProperty(ref.split('/').pop()!);
    expect(openapi.components.schemas).toHaveProperty('profile-kz-patient');
    expect(openapi.servers[0]!.url).toBe(served.server.baseUrl);
  });
});
