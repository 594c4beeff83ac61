/**
 * What access control costs per request, in process (`app.request()`, no sockets): the same
 * app over the same in-memory store, open (the anchor) and behind a verified RS256 bearer token
 * of a polyclinic nurse (signature, claims, scopes, the compartment filter), with and without
 * the AuditEvent each request writes. CPU time of this process (`process.cpuUsage()`), the
 * minimum of several rounds: the machine is shared, and wall-clock figures are noise there.
 */
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { createApp } from '../src/http/app.js';
import { createAccessControl } from '../src/auth/create-access-control.js';
import { smartConfiguration } from '../src/auth/smart-configuration.js';
import { createMemoryResourceStore } from '../src/storage/memory/memory-resource-store.js';
import { createValidator } from '../src/validation/create-validator.js';
import { parseValidationConfig } from '../src/config/validation-config.js';

const ROUNDS = Number(process.env.BENCH_ACCESS_ROUNDS ?? 5);
const PER_ROUND = Number(process.env.BENCH_ACCESS_REQUESTS ?? 200);
const BASE = 'http://bench/fhir';
const ISSUER = 'https://idp.bench';
const AUDIENCE = 'bench-gateway';
const PATIENTS = 200;

type Fetch = (request: Request) => Promise<Response> | Response;

/** Prints µs of CPU per read, search and create: open, with a token, with a token and audit. */
export async function printAccessCost(): Promise<void> {
  const store = createMemoryResourceStore();
  const validate = createValidator(parseValidationConfig({}));
  const base = { store, clock: () => new Date(), validate, newId: () => crypto.randomUUID() };
  const config = { maxBodyBytes: 5_000_000, softwareVersion: 'bench', baseUrl: BASE };
  const open = createApp({ ...base, config }).fetch as Fetch;
  const pair = await generateKeyPair('RS256');
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k', alg: 'RS256' }] });
  const secured = async (audit: 'on' | 'off') => {
    const env = {
      AUTH_MODE: 'production',
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
      AUTH_JWKS: jwks,
      AUDIT_LOG: audit,
      RATE_LIMIT_PER_MINUTE: '0',
    };
    const { control } = await createAccessControl(env, base.newId, base.clock);
    return createApp({ ...base, config, access: { control, smartConfiguration: smartConfiguration(env) } })
      .fetch as Fetch;
  };
  const token = await new SignJWT({ sub: 'nurse', scope: 'user/*.cruds', polyclinic: 'org-1' })
    .setProtectedHeader({ alg: 'RS256', kid: 'k' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setExpirationTime('1h')
    .sign(pair.privateKey);
  await seed(open);
  const rows: [string, Fetch, Record<string, string>][] = [
    ['open (anchor)', open, {}],
    ['bearer + compartment', await secured('off'), { authorization: `Bearer ${token}` }],
    ['bearer + compartment + audit', await secured('on'), { authorization: `Bearer ${token}` }],
  ];
  console.log(
    `\naccess control, µs CPU per request (min of ${ROUNDS} rounds × ${PER_ROUND}, in process, memory store)`,
  );
  console.log('| case | read Patient | search Observation (20 of 200 patients’ records) | create Observation |');
  console.log('|---|---:|---:|---:|');
  for (const [label, fetch, headers] of rows) {
    const read = await cost(() => fetch(new Request(`${BASE}/Patient/p-1`, { headers })));
    const search = await cost(() => fetch(new Request(`${BASE}/Observation?_count=20`, { headers })));
    const create = await cost(() =>
      fetch(
        new Request(`${BASE}/Observation`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/fhir+json' },
          body: JSON.stringify(observation('p-1')),
        }),
      ),
    );
    console.log(`| ${label} | ${read.toFixed(0)} | ${search.toFixed(0)} | ${create.toFixed(0)} |`);
  }
}

async function cost(request: () => Promise<Response> | Response): Promise<number> {
  for (let i = 0; i < 50; i++) await (await request()).arrayBuffer();
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.cpuUsage();
    for (let i = 0; i < PER_ROUND; i++) {
      const response = await request();
      if (response.status >= 300) throw new Error(`bench request failed: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    }
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / PER_ROUND);
  }
  return best;
}

function observation(patient: string) {
  return {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] },
    subject: { reference: `Patient/${patient}` },
    effectiveDateTime: '2026-11-20',
    valueQuantity: { value: 7.4, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
  };
}

/** 200 patients in two polyclinics, two observations each. */
async function seed(fetch: Fetch): Promise<void> {
  const put = async (resource: Record<string, unknown> & { resourceType: string; id: string }) => {
    const response = await fetch(
      new Request(`${BASE}/${resource.resourceType}/${resource.id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/fhir+json' },
        body: JSON.stringify(resource),
      }),
    );
    if (response.status >= 300) throw new Error(`seed failed: ${await response.text()}`);
  };
  for (const org of ['org-1', 'org-2']) await put({ resourceType: 'Organization', id: org, name: org });
  for (let i = 1; i <= PATIENTS; i++) {
    const org = i % 2 === 1 ? 'org-1' : 'org-2';
    await put({
      resourceType: 'Patient',
      id: `p-${i}`,
      birthDate: '2026-06-01',
      managingOrganization: { reference: `Organization/${org}` },
    });
    for (const n of [1, 2]) await put({ ...observation(`p-${i}`), id: `o-${i}-${n}` });
  }
}
