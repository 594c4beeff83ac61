/**
 * Log redaction on the real server's output: requests carry IINs, names and bearer tokens in
 * the URL, the headers, the body and in requests that fail; everything the process prints
 * (stdout and stderr) must hold none of them. The request log must still be there, one line
 * per request, so the check is over real log lines and not over silence.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { IDS, boyIin, mint, useSecuredGateway } from './access-fixtures.js';

const gateway = useSecuredGateway({ LOG_LEVEL: 'debug' });
const IIN_SYSTEM = 'https://fhir.patronage.kz/sid/iin';

const iin = boyIin(700);
const otherIin = boyIin(800);
const FAMILY = 'Zhanibekova';
const GIVEN = 'Aigerimka';

/** What the log must never hold. */
const secrets: string[] = [iin, otherIin, FAMILY, GIVEN];
let sent = 0;

async function send(path: string, init: RequestInit & { token?: string } = {}): Promise<number> {
  const { token, headers, ...rest } = init;
  sent += 1;
  const response = await fetch(`${gateway.server.baseUrl}/${path}`, {
    ...rest,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(rest.body ? { 'content-type': 'application/fhir+json' } : {}),
      ...(headers as Record<string, string> | undefined),
    },
  });
  await response.arrayBuffer();
  return response.status;
}

const patient = (id: string, extra: Record<string, unknown> = {}) => ({
  resourceType: 'Patient',
  id,
  identifier: [{ system: IIN_SYSTEM, value: iin }],
  name: [{ family: FAMILY, given: [GIVEN] }],
  gender: 'female',
  birthDate: '2026-05-01',
  managingOrganization: { reference: `Organization/${IDS.orgA}` },
  ...extra,
});

beforeAll(async () => {
  const admin = gateway.tokens.admin;
  const expired = await mint(
    gateway.key,
    { sub: 'late', scope: 'user/*.rs', polyclinic: IDS.orgA },
    { expiresIn: -60 },
  );
  const forged = `${admin.slice(0, admin.lastIndexOf('.') + 1)}${'A'.repeat(40)}`;
  secrets.push(admin, admin.split('.')[2]!, expired.split('.')[2]!, forged, gateway.tokens.nurseB.split('.')[2]!);

  expect(
    await send('Patient/redaction-1', { method: 'PUT', token: admin, body: JSON.stringify(patient('redaction-1')) }),
  ).toBe(201);
  // IIN and name in the query, in the path, in a conditional create's header.
  expect(await send(`Patient?identifier=${IIN_SYSTEM}|${iin}`, { token: admin })).toBe(200);
  expect(await send(`Patient?name=${FAMILY}&given=${GIVEN}`, { token: admin })).toBe(200);
  expect(await send(`Patient/${otherIin}`, { token: admin })).toBe(404);
  expect(await send(`Patient/${FAMILY}/_history`, { token: admin })).toBe(404);
  const conditional = { 'if-none-exist': `identifier=${IIN_SYSTEM}|${otherIin}` };
  await send('Patient', { method: 'POST', token: admin, headers: conditional, body: JSON.stringify(patient('x')) });
  // Failures: an invalid body, an unknown search parameter with a name, a refused write, bad tokens.
  await send('Patient/redaction-2', {
    method: 'PUT',
    token: admin,
    body: JSON.stringify(patient('redaction-2', { gender: FAMILY, birthDate: otherIin })),
  });
  await send(`Patient?${FAMILY}=${iin}`, { token: admin, headers: { prefer: 'handling=strict' } });
  expect(await send(`Patient/redaction-1`, { token: gateway.tokens.nurseB })).toBe(404);
  await send('Patient/redaction-3', {
    method: 'PUT',
    token: gateway.tokens.nurseB,
    body: JSON.stringify(patient('redaction-3')),
  });
  expect(await send(`Patient?identifier=${iin}`, { token: expired })).toBe(401);
  expect(await send(`Patient?identifier=${iin}`, { token: forged })).toBe(401);
  expect(await send('Patient', { headers: { authorization: `Basic ${btoa(`${FAMILY}:${iin}`)}` } })).toBe(401);
  // Free-text headers that a proxy or browser fills.
  await send('Patient/redaction-1', {
    token: admin,
    headers: {
      'user-agent': `${FAMILY} ${GIVEN}`,
      referer: `https://ehr.example.kz/card?iin=${iin}`,
      'x-request-id': iin,
    },
  });
  await send('$process-message', {
    method: 'POST',
    token: admin,
    body: JSON.stringify({ resourceType: 'Bundle', id: iin }),
  });
  await send('Patient/$validate', {
    method: 'POST',
    token: admin,
    body: JSON.stringify(patient('v', { gender: GIVEN })),
  });
}, 60_000);

describe('the server log holds no IIN, name or token', () => {
  it('logged one line per request', () => {
    const requestLines = gateway.server
      .output()
      .split('\n')
      .filter((line) => line.includes('"msg":"request"'));
    expect(requestLines.length).toBeGreaterThanOrEqual(sent);
  });

  it('none of them appears anywhere in stdout or stderr', () => {
    const output = gateway.server.output();
    const leaking = output.split('\n').filter((line) => secrets.some((secret) => line.includes(secret)));
    expect(leaking, 'log lines holding an IIN, a name or a token').toEqual([]);
  });
});
