/**
 * `npm run seed -- --children N` (scripts/seed.ts), run as the script it is, on SQLite and on the
 * PostgreSQL server when it answers; then the real server over the seeded database, asked over
 * HTTP what is there: the documented resources, references resolved to the stored ids, the visit
 * plans the programme's write reaction made, the chained search by the child's IIN. A second run
 * over the same database is refused by the write path (the IINs are taken) and adds nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { IIN_SYSTEM } from '../../src/fhir/canonical.js';
import { dropPostgresSchema } from '../../src/storage/adapters/pg-driver.js';
import { childIin } from '../../scripts/seed-data.js';
import { serverReachable, TEST_DATABASE_URL } from '../conformance/postgres-harness.js';
import { startNodeServer } from '../runtime/node-server.js';
import { createClient } from './fhir-client.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILDREN = 3;
/** Children 0, 1, 2 have 3, 4 and 5 home visits (3 + i % 4), each with a weight and a length. */
const VISITS = 3 + 4 + 5;
const EXPECTED: Record<string, number> = {
  Organization: 20,
  Patient: 2 * CHILDREN,
  RelatedPerson: CHILDREN,
  Encounter: VISITS,
  Observation: 2 * VISITS,
  // The seed's own plan, and the visit plan the write reaction made for the attached child.
  CarePlan: 2 * CHILDREN,
  RiskAssessment: CHILDREN,
  // One child in ten is referred: child 0.
  ServiceRequest: 1,
};

function seed(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', '--children', String(CHILDREN)], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

type Bundle = fhir4.Bundle;

async function checkSeeded(env: Record<string, string>): Promise<void> {
  const first = seed(env);
  expect(first.status, first.stderr).toBe(0);
  expect(first.stdout).toMatch(new RegExp(`seeded ${CHILDREN} children, \\d+ resources`));
  const again = seed(env);
  expect(again.status, 'a second seed of the same children is refused').not.toBe(0);
  expect(again.stderr).toMatch(/HTTP 409/);

  const server = await startNodeServer({ ...env, LOAD_DEMO_DATA: 'false' }, { startupTimeoutMs: 90_000 });
  try {
    const client = createClient(server.baseUrl);
    for (const [resourceType, count] of Object.entries(EXPECTED)) {
      const bundle = (await client.search({ resourceType, searchParams: { _summary: 'count' } })) as unknown as Bundle;
      expect(bundle.total, resourceType).toBe(count);
    }
    const children = (await client.search({
      resourceType: 'Patient',
      searchParams: { identifier: `${IIN_SYSTEM}|${childIin(0)}` },
    })) as unknown as Bundle;
    const child = children.entry?.[0]?.resource as fhir4.Patient;
    expect(child.birthDate).toBe('2025-01-01');
    expect(child.managingOrganization?.reference).toBe('Organization/polyclinic-0');
    const measured = (await client.search({
      resourceType: 'Observation',
      searchParams: { 'subject:Patient.identifier': `${IIN_SYSTEM}|${childIin(0)}` },
    })) as unknown as Bundle;
    expect(measured.entry).toHaveLength(6);
    // urn:uuid references were resolved to the stored child.
    for (const e of measured.entry ?? []) {
      expect((e.resource as fhir4.Observation).subject?.reference).toBe(`Patient/${child.id}`);
    }
    const plans = (await client.search({
      resourceType: 'CarePlan',
      searchParams: { subject: `Patient/${child.id}` },
    })) as unknown as Bundle;
    const made = plans.entry?.map((e) => e.resource as fhir4.CarePlan).filter((p) => (p.activity ?? []).length > 0);
    expect(made, 'the visit plan made by the write reaction').toHaveLength(1);
  } finally {
    await server.stop();
  }
}

describe('npm run seed -- --children N', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seed-test-'));
  const schema = `hpg_seed_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    if (serverReachable) await dropPostgresSchema(TEST_DATABASE_URL, schema);
  });

  it('writes the documented families into SQLite through the write path', async () => {
    await checkSeeded({ DATABASE_PATH: join(dir, 'seed.sqlite') });
  }, 300_000);

  it.skipIf(!serverReachable)(
    'writes the documented families into PostgreSQL through the write path',
    async () => {
      await checkSeeded({ DATABASE_URL: TEST_DATABASE_URL, PG_SCHEMA: schema });
    },
    300_000,
  );
});
