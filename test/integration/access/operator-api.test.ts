/**
 * The exchange's operator API under bearer tokens (decision 031): an operator or admin role, or
 * a client with every system scope, may use it; anyone else gets 401 or 403; `ADMIN_TOKEN` is
 * ignored in production. Every operator request, refused ones too, leaves an AuditEvent.
 */
import { describe, expect, it } from 'vitest';
import { destinationsEnv } from '../exchange-helpers.js';
import { mint, useSecuredGateway, type RoleClaims } from './access-fixtures.js';

const DEVELOPMENT_SECRET = 'operator-secret-from-the-environment';
const OPERATOR_ACTION = 'urn:patronage-fhir-gateway:operator-action';

const gateway = useSecuredGateway({
  // Nothing seeded is of a forwarded type, so the queue stays empty and nothing is sent.
  EXCHANGE_DESTINATIONS: destinationsEnv('http://127.0.0.1:9/fhir', { resourceTypes: ['Device'] }),
  ADMIN_TOKEN: DEVELOPMENT_SECRET,
});

const OPERATORS: Record<string, RoleClaims> = {
  operator: { sub: 'operator-1', scope: 'openid', roles: ['operator'] },
  exchangeService: { sub: 'exchange-service', scope: 'system/*.cruds', client_id: 'exchange' },
};

async function operate(path: string, authorization: string | undefined, method = 'GET'): Promise<Response> {
  const root = gateway.server.baseUrl.replace(/\/fhir$/, '');
  return fetch(`${root}/admin/exchange${path}`, {
    method,
    headers: authorization ? { authorization } : {},
  });
}

const bearer = (token: string) => `Bearer ${token}`;

async function auditTrail(): Promise<fhir4.AuditEvent[]> {
  const bundle = (await gateway
    .client('admin')
    .search({ resourceType: 'AuditEvent', searchParams: { _count: '500' } })) as unknown as fhir4.Bundle;
  return (bundle.entry ?? []).map((e) => e.resource as fhir4.AuditEvent);
}

const actionOf = (event: fhir4.AuditEvent) => event.subtype?.find((c) => c.system === OPERATOR_ACTION)?.code;
const whoOf = (event: fhir4.AuditEvent) => event.agent[0]?.who?.identifier?.value;

describe('who may use the operator API', () => {
  it('refuses a request without a token (401, an OperationOutcome)', async () => {
    const response = await operate('/counters', undefined);
    expect(response.status).toBe(401);
    expect(((await response.json()) as fhir4.OperationOutcome).resourceType).toBe('OperationOutcome');
  });

  it('ignores ADMIN_TOKEN in production', async () => {
    expect((await operate('/counters', bearer(DEVELOPMENT_SECRET))).status).toBe(401);
    expect(gateway.server.output()).toContain('ADMIN_TOKEN is ignored in production');
  });

  it.each(['nurseA', 'national'] as const)(
    'refuses a valid token without the operator role: %s (403)',
    async (role) => {
      const response = await operate('/counters', bearer(gateway.tokens[role]));
      expect(response.status).toBe(403);
      expect(((await response.json()) as fhir4.OperationOutcome).issue[0]?.code).toBe('forbidden');
    },
  );

  it.each(Object.keys(OPERATORS))('admits %s', async (name) => {
    const token = await mint(gateway.key, OPERATORS[name]!);
    const response = await operate('/counters', bearer(token));
    expect(response.status).toBe(200);
  });

  it('admits the admin role', async () => {
    expect((await operate('/deliveries', bearer(gateway.tokens.admin))).status).toBe(200);
  });
});

describe('every operator action leaves an AuditEvent', () => {
  it('names who, the action and the outcome, for done and refused actions alike', async () => {
    const operator = await mint(gateway.key, OPERATORS.operator!);
    const paused = await operate('/destinations/national/pause', bearer(operator), 'POST');
    expect(paused.status).toBe(200);
    const unknown = await operate('/destinations/nowhere/resume', bearer(operator), 'POST');
    expect(unknown.status).toBe(404);
    expect((await operate('/requeue', bearer(gateway.tokens.nurseA), 'POST')).status).toBe(403);
    expect((await operate('/destinations/national/resume', bearer(operator), 'POST')).status).toBe(200);

    const trail = await auditTrail();
    const find = (action: string, who: string | undefined) =>
      trail.filter((event) => actionOf(event) === action && whoOf(event) === who);
    const pausedEvents = find('POST /admin/exchange/destinations/national/pause', 'operator-1');
    expect(pausedEvents).toHaveLength(1);
    expect(pausedEvents[0]).toMatchObject({ action: 'C', outcome: '0', outcomeDesc: 'HTTP 200' });
    expect(find('POST /admin/exchange/destinations/nowhere/resume', 'operator-1')[0]?.outcome).toBe('4');
    expect(find('POST /admin/exchange/requeue', 'nurse-a')[0]).toMatchObject({ outcome: '4', outcomeDesc: 'HTTP 403' });
    expect(find('GET /admin/exchange/counters', 'unauthenticated').length).toBeGreaterThanOrEqual(2);
    expect(find('POST /admin/exchange/destinations/national/resume', 'operator-1')).toHaveLength(1);
  });
});
