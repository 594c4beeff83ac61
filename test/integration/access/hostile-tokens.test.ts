/**
 * Hostile tokens: forged, unsigned, algorithm-confused, expired, not yet valid, for another
 * audience or issuer, tampered, or valid but for another polyclinic. Each gets 401 or 403 (or
 * "not found" for a record it may not know of), and nothing changes.
 */
import { createHmac } from 'node:crypto';
import { exportSPKI, type CryptoKey } from 'jose';
import { describe, expect, it } from 'vitest';
import { AUDIENCE, IDS, ISSUER, ROLES, makeSigningKey, mint, statusOf, useSecuredGateway } from './access-fixtures.js';

const APP_ORIGIN = 'https://app.patronage.test';
const gateway = useSecuredGateway({ CORS_ORIGINS: APP_ORIGIN, RATE_LIMIT_PER_MINUTE: '100000' });

const b64url = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

function claims(extra: Record<string, unknown> = {}) {
  return { ...ROLES.admin, iss: ISSUER, aud: AUDIENCE, iat: now(), exp: now() + 600, ...extra };
}

const observation = {
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] },
  subject: { reference: `Patient/${IDS.patientA}` },
  effectiveDateTime: '2026-11-20',
  valueQuantity: { value: 7.4, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
};

async function observationCount(): Promise<number> {
  const bundle = (await gateway
    .client('admin')
    .search({ resourceType: 'Observation', searchParams: { _summary: 'count' } })) as unknown as fhir4.Bundle;
  return bundle.total!;
}

const hostile: [string, () => Promise<string | undefined>][] = [
  ['no token', async () => undefined],
  ['a token that is not a JWT', async () => 'not-a-token'],
  ['a forged signature (another key, the trusted kid)', async () => mint(await makeSigningKey(), ROLES.admin)],
  ['alg: none', async () => `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims())}.`],
  [
    'HS256 signed with the trusted public key as the secret',
    async () => {
      const pem = await exportSPKI(await publicKeyOf());
      const input = `${b64url({ alg: 'HS256', typ: 'JWT', kid: gateway.key.publicJwk.kid })}.${b64url(claims())}`;
      return `${input}.${createHmac('sha256', pem).update(input).digest('base64url')}`;
    },
  ],
  ['expired', async () => mint(gateway.key, ROLES.admin, { expiresIn: now() - 3600 })],
  ['not yet valid', async () => mint(gateway.key, ROLES.admin, { notBefore: now() + 3600, expiresIn: now() + 7200 })],
  ['wrong audience', async () => mint(gateway.key, ROLES.admin, { audience: 'https://other-gateway.test/fhir' })],
  ['wrong issuer', async () => mint(gateway.key, ROLES.admin, { issuer: 'https://evil.test' })],
  [
    'a tampered payload (scopes raised after signing)',
    async () => {
      const [header, , signature] = (await mint(gateway.key, ROLES.readerA)).split('.');
      return `${header}.${b64url(claims({ scope: 'system/*.cruds' }))}.${signature}`;
    },
  ],
];

async function publicKeyOf(): Promise<CryptoKey> {
  const { importJWK } = await import('jose');
  return (await importJWK(gateway.key.publicJwk, 'RS256')) as CryptoKey;
}

describe('hostile tokens get 401 and change nothing', () => {
  it.each(hostile)('%s', async (_name, makeToken) => {
    const token = await makeToken();
    const client = gateway.clientWith(token);
    const before = await observationCount();
    expect(await statusOf(client.read({ resourceType: 'Patient', id: IDS.patientA }))).toBe(401);
    expect(await statusOf(client.create({ resourceType: 'Observation', body: observation }))).toBe(401);
    expect(await statusOf(client.delete({ resourceType: 'Observation', id: IDS.obsA }))).toBe(401);
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [{ request: { method: 'POST', url: 'Observation' }, resource: observation }],
    };
    expect(await statusOf(client.transaction({ body: bundle }))).toBe(401);
    expect(await observationCount()).toBe(before);
  });

  it('answers 401 as an OperationOutcome with a Bearer challenge, the same for every reason', async () => {
    const answers = await Promise.all(
      [
        undefined,
        'Bearer x.y.z',
        `Bearer ${await mint(gateway.key, ROLES.admin, { audience: 'x' })}`,
        'Basic YWRtaW46YWRtaW4=',
      ].map(async (authorization) => {
        const response = await fetch(`${gateway.server.baseUrl}/Patient/${IDS.patientA}`, {
          headers: authorization ? { authorization } : {},
        });
        return {
          status: response.status,
          type: response.headers.get('content-type'),
          challenge: response.headers.get('www-authenticate'),
          body: await response.text(),
        };
      }),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.type).toMatch(/^application\/fhir\+json/);
      expect(answer.challenge).toMatch(/^Bearer /);
      expect(JSON.parse(answer.body).resourceType).toBe('OperationOutcome');
      expect(answer.body).not.toContain(IDS.patientA);
    }
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
  });
});

describe('valid tokens used beyond their rights change nothing', () => {
  it('another polyclinic’s valid token cannot read or write this polyclinic’s child', async () => {
    const before = await observationCount();
    const nurseB = gateway.client('nurseB');
    expect(await statusOf(nurseB.read({ resourceType: 'Patient', id: IDS.patientA }))).toBe(404);
    expect(await statusOf(nurseB.create({ resourceType: 'Observation', body: observation }))).toBe(403);
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [{ request: { method: 'POST', url: 'Observation' }, resource: observation }],
    };
    expect(await statusOf(nurseB.transaction({ body: bundle }))).toBe(403);
    expect(await observationCount()).toBe(before);
  });

  it('a read-only token cannot write through a transaction, a batch or ingest', async () => {
    const before = await observationCount();
    const reader = gateway.client('readerA');
    const entry = { request: { method: 'POST', url: 'Observation' }, resource: observation };
    expect(
      await statusOf(reader.transaction({ body: { resourceType: 'Bundle', type: 'transaction', entry: [entry] } })),
    ).toBe(403);
    const batch = (await reader.batch({
      body: { resourceType: 'Bundle', type: 'batch', entry: [entry] },
    })) as unknown as fhir4.Bundle;
    expect(batch.entry?.[0]?.response?.status).toMatch(/^403/);
    expect(await observationCount()).toBe(before);
  });

  it('a body claiming a label or another polyclinic does not widen the caller’s rights', async () => {
    const nurseA = gateway.client('nurseA');
    const patient = (await gateway
      .client('admin')
      .read({ resourceType: 'Patient', id: IDS.patientB })) as unknown as fhir4.Patient;
    // Re-homing the other polyclinic's child into her own: the record is hidden, so it is not hers to change.
    const stolen = { ...patient, managingOrganization: { reference: `Organization/${IDS.orgA}` } };
    expect([403, 409]).toContain(
      await statusOf(nurseA.update({ resourceType: 'Patient', id: IDS.patientB, body: stolen })),
    );
    const after = (await gateway
      .client('admin')
      .read({ resourceType: 'Patient', id: IDS.patientB })) as unknown as fhir4.Patient;
    expect(after.meta?.versionId).toBe(patient.meta?.versionId);
    expect(after.managingOrganization?.reference).toBe(`Organization/${IDS.orgB}`);
  });
});

describe('protections', () => {
  it('answers CORS for the configured origin only, and sets security headers', async () => {
    const url = `${gateway.server.baseUrl}/Patient/${IDS.patientA}`;
    const headers = { authorization: `Bearer ${gateway.tokens.nurseA}` };
    const allowed = await fetch(url, { headers: { ...headers, origin: APP_ORIGIN } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(allowed.headers.get('x-content-type-options')).toBe('nosniff');
    expect(allowed.headers.get('cache-control')).toBe('no-store');
    const other = await fetch(url, { headers: { ...headers, origin: 'https://evil.test' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: {
        origin: APP_ORIGIN,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
  });
});
