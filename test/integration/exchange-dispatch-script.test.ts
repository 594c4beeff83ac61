/**
 * `npm run dispatch`: with the server's own timer off, the script drains the outbox the server
 * wrote into the national server (a second gateway), and a second run finds nothing to send.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allOf,
  destinationsEnv,
  nationalCounts,
  patientBody,
  recordKey,
  startGateway,
  type GatewayProcess,
} from './exchange-helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

let dir: string;
let national: GatewayProcess;
let local: GatewayProcess;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'exchange-script-'));
  national = await startGateway(join(dir, 'national.sqlite'), {});
  env = {
    DATABASE_PATH: join(dir, 'local.sqlite'),
    EXCHANGE_DESTINATIONS: destinationsEnv(national.baseUrl),
  };
  local = await startGateway(env.DATABASE_PATH!, { ...env, EXCHANGE_DISPATCH_IN_SERVER: 'false' });
});

afterAll(async () => {
  await local?.stop();
  await national?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const dispatch = () =>
  run(process.execPath, ['--import', 'tsx', 'scripts/dispatch.ts'], { cwd: ROOT, env: { ...process.env, ...env } });

describe('npm run dispatch', () => {
  it('sends what the server stored, once', async () => {
    for (const key of ['script-1', 'script-2'])
      await local.client.create({ resourceType: 'Patient', body: patientBody(key) });
    expect(await nationalCounts(local)).toMatchObject({ pending: 2, delivered: 0 });
    expect((await dispatch()).stdout).toContain('attempted 2 deliveries');
    expect(await nationalCounts(local)).toMatchObject({ pending: 0, delivered: 2 });
    expect((await dispatch()).stdout).toContain('attempted 0 deliveries');
    const keys = (await allOf(national.client, 'Patient')).map(recordKey).sort();
    expect(keys).toEqual(['script-1', 'script-2']);
  });
});
