/**
 * Access-control test fixtures: a signing key whose public half the gateway trusts (a JWKS
 * file), tokens for each role minted with jose, and a production-mode gateway with two
 * polyclinics in two regions, a patient in each, and their records.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, RESPONSE_KEY } from 'fhir-kit-client';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll } from 'vitest';
import { startNodeServer, type RunningServer } from '../../runtime/node-server.js';
import { isValidBin, isValidIin } from '../../../src/validation/rules/kz-identifiers.js';

export const ISSUER = 'https://idp.patronage.test';
export const AUDIENCE = 'https://gateway.patronage.test/fhir';
export const KID = 'test-key-1';
const KATO_URL = 'https://fhir.patronage.kz/StructureDefinition/kato';
export const V3_CONFIDENTIALITY = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';

/** The trusted key pair. */
export interface SigningKey {
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** Makes an RS256 key pair (the algorithm most identity providers sign with). */
export async function makeSigningKey(kid = KID): Promise<SigningKey> {
  const pair = await generateKeyPair('RS256', { extractable: true });
  return {
    privateKey: pair.privateKey,
    publicJwk: { ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' },
  };
}

/** Claims of a role, before the standard ones. */
export type RoleClaims = Record<string, unknown> & { sub: string; scope: string };

/** Signs `claims` as the identity provider would; `overrides` bend the standard claims. */
export function mint(
  key: SigningKey,
  claims: RoleClaims,
  overrides: {
    issuer?: string;
    audience?: string;
    expiresIn?: string | number;
    notBefore?: string | number;
    kid?: string;
  } = {},
): Promise<string> {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: overrides.kid ?? key.publicJwk.kid!, typ: 'JWT' })
    .setIssuer(overrides.issuer ?? ISSUER)
    .setAudience(overrides.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(overrides.expiresIn ?? '10m');
  if (overrides.notBefore !== undefined) jwt.setNotBefore(overrides.notBefore);
  return jwt.sign(key.privateKey);
}

/** The ids of the seeded records. */
export const IDS = {
  orgA: 'poly-almaty-1',
  orgB: 'poly-shymkent-2',
  patientA: 'child-a',
  patientB: 'child-b',
  obsA: 'weight-a',
  obsB: 'weight-b',
  encounterA: 'visit-a',
  encounterB: 'visit-b',
  flagA: 'safeguarding-a',
  /** A nurse of polyclinic A (a Practitioner) and her role there. */
  nurseAigerim: 'nurse-aigerim',
  roleAigerimA: 'role-aigerim-a',
};

/** Tokens by role (claims documented in the README). */
export const ROLES = {
  nurseA: { sub: 'nurse-a', scope: 'user/*.cruds', polyclinic: IDS.orgA },
  nurseB: { sub: 'nurse-b', scope: 'user/*.cruds', polyclinic: IDS.orgB },
  /** A nurse with a practitioner claim: her own caseload when the gateway runs with AUTH_NURSE_CASELOAD=own. */
  caseloadNurseA: {
    sub: 'nurse-aigerim',
    scope: 'user/*.cruds',
    polyclinic: IDS.orgA,
    roles: ['nurse'],
    practitioner: IDS.nurseAigerim,
  },
  readerA: { sub: 'reader-a', scope: 'user/*.rs', polyclinic: IDS.orgA },
  observationsOnlyA: { sub: 'obs-a', scope: 'user/Observation.rs user/Patient.r', polyclinic: IDS.orgA },
  safeguardingA: { sub: 'social-a', scope: 'user/*.cruds', polyclinic: IDS.orgA, labels: ['R'] },
  regionAlmaty: { sub: 'region-75', scope: 'user/*.read', kato: '75' },
  patientA: { sub: 'parent-a', scope: 'patient/*.rs', patient: IDS.patientA },
  noCompartment: { sub: 'lost-user', scope: 'user/*.cruds' },
  national: { sub: 'national-registry', scope: 'system/*.rs', client_id: 'national' },
  admin: { sub: 'admin-1', scope: 'system/*.cruds', roles: ['admin'], labels: ['R', 'V'] },
} satisfies Record<string, RoleClaims>;

export type Role = keyof typeof ROLES;

/** A started production-mode gateway, its key, and a client per role. */
export interface SecuredGateway {
  server: RunningServer;
  key: SigningKey;
  tokens: Record<Role, string>;
  client(role: Role): Client;
  /** A client sending `token` as it is (hostile cases). */
  clientWith(token: string | undefined): Client;
}

/** Starts the gateway in production mode trusting a fresh key, and seeds two polyclinics. */
export function useSecuredGateway(env: Record<string, string> = {}): SecuredGateway {
  const gateway = {} as SecuredGateway;
  beforeAll(async () => {
    gateway.key = await makeSigningKey();
    const dir = mkdtempSync(join(tmpdir(), 'gateway-keys-'));
    const jwksFile = join(dir, 'jwks.json');
    writeFileSync(jwksFile, JSON.stringify({ keys: [gateway.key.publicJwk] }));
    gateway.server = await startNodeServer(
      {
        AUTH_MODE: 'production',
        AUTH_ISSUER: ISSUER,
        AUTH_AUDIENCE: AUDIENCE,
        AUTH_JWKS_FILE: jwksFile,
        LOAD_DEMO_DATA: 'false',
        ...env,
      },
      // On a loaded machine shared with other runs, start-up alone took 28 s.
      { startupTimeoutMs: 90_000 },
    );
    const tokens = {} as Record<Role, string>;
    for (const role of Object.keys(ROLES) as Role[])
      tokens[role] = await mint(gateway.key, ROLES[role], { expiresIn: '1h' });
    gateway.tokens = tokens;
    gateway.clientWith = (token) =>
      new Client({ baseUrl: gateway.server.baseUrl, ...(token !== undefined ? { bearerToken: token } : {}) });
    gateway.client = (role) => gateway.clientWith(tokens[role]);
    await seed(gateway.client('admin'));
  }, 150_000);
  afterAll(async () => {
    await gateway.server?.stop();
  });
  return gateway;
}

async function seed(admin: Client): Promise<void> {
  const organization = (id: string, kato: string, serial: number) => ({
    resourceType: 'Organization',
    id,
    identifier: [{ system: 'https://fhir.patronage.kz/sid/bin', value: kzNumber('050140', serial, isValidBin) }],
    name: id,
    address: [
      {
        extension: [{ url: KATO_URL, valueCoding: { system: 'https://fhir.patronage.kz/sid/kato', code: kato } }],
        city: 'x',
      },
    ],
  });
  const patient = (id: string, org: string, family: string, serial: number) => ({
    resourceType: 'Patient',
    id,
    identifier: [{ system: 'https://fhir.patronage.kz/sid/iin', value: kzNumber('2606016', serial, isValidIin) }],
    name: [{ family, given: ['Test'] }],
    gender: 'female',
    birthDate: '2026-06-01',
    managingOrganization: { reference: `Organization/${org}` },
  });
  const weight = (id: string, patientId: string, kg: number) => ({
    resourceType: 'Observation',
    id,
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: '2026-11-01',
    valueQuantity: { value: kg, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
  });
  const encounter = (id: string, patientId: string) => ({
    resourceType: 'Encounter',
    id,
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'HH' },
    subject: { reference: `Patient/${patientId}` },
  });
  const resources = [
    organization(IDS.orgA, '751110000', 100),
    organization(IDS.orgB, '791010000', 200),
    patient(IDS.patientA, IDS.orgA, 'Alpha', 100),
    patient(IDS.patientB, IDS.orgB, 'Beta', 200),
    weight(IDS.obsA, IDS.patientA, 7.1),
    weight(IDS.obsB, IDS.patientB, 6.2),
    encounter(IDS.encounterA, IDS.patientA),
    encounter(IDS.encounterB, IDS.patientB),
    {
      resourceType: 'Flag',
      id: IDS.flagA,
      meta: { security: [{ system: V3_CONFIDENTIALITY, code: 'R' }] },
      status: 'active',
      code: { text: 'safeguarding concern' },
      subject: { reference: `Patient/${IDS.patientA}` },
    },
  ];
  for (const resource of resources) {
    await admin
      .update({ resourceType: resource.resourceType, id: resource.id, body: resource })
      .catch((e: { response?: { data: unknown } }) => {
        throw new Error(`seeding ${resource.resourceType}/${resource.id}: ${JSON.stringify(e.response?.data)}`);
      });
  }
}

/** A valid 12-digit IIN or BIN: `prefix`, then the first serial from `from` that has a check digit. */
function kzNumber(prefix: string, from: number, valid: (value: string) => boolean): string {
  for (let serial = from; ; serial++)
    for (let check = 0; check <= 9; check++) {
      const value = `${prefix}${String(serial).padStart(11 - prefix.length, '0')}${check}`;
      if (valid(value)) return value;
    }
}

/** A valid IIN of a boy born on 1 May 2026, from serial `serial` on. */
export function boyIin(serial: number): string {
  return kzNumber('2605015', serial, isValidIin);
}

/** The status of a call (the error's status when it fails). */
export async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    const result = await call;
    const response = (result as Record<string, Response> | undefined)?.[RESPONSE_KEY];
    return response?.status ?? 200;
  } catch (thrown) {
    const status = (thrown as { response?: { status: number } }).response?.status;
    if (status === undefined) throw thrown;
    return status;
  }
}
