/**
 * Helpers of the exchange tests: a gateway process that can be SIGKILLed and restarted over the
 * same database, the destination configuration, the operator API, and upstream look-ups.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Client } from 'fhir-kit-client';
import { nodeServerArguments } from '../runtime/node-server.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LISTENING = /listening on (http:\/\/\S+\/fhir)/;

/** The identifier system the tests key records on (a local register number, not an IIN). */
export const RECORD_SYSTEM = 'https://patronage.example.kz/fhir/sid/record';
/** The admin token the tests give the gateway. */
export const ADMIN_TOKEN = 'test-operator-token';

/** A gateway process over a database file that outlives it. */
export interface GatewayProcess {
  baseUrl: string;
  client: Client;
  output: () => string;
  /** SIGKILL: no shutdown hook runs, in-flight requests and deliveries are cut. */
  kill: () => Promise<void>;
  stop: () => Promise<void>;
}

/** Starts the Node entry over `databasePath` with `env`; resolves once it listens. */
export async function startGateway(databasePath: string, env: Record<string, string>): Promise<GatewayProcess> {
  const child = spawn(process.execPath, nodeServerArguments(), {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_PATH: databasePath,
      LOAD_DEMO_DATA: 'false',
      ADMIN_TOKEN,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = await listening(child, () => output);
  const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const end = (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return ended;
  };
  return {
    baseUrl,
    client: new Client({ baseUrl }),
    output: () => output,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}

function listening(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start:\n${output()}`)), 60_000);
    child.stdout!.on('data', () => {
      const match = LISTENING.exec(output());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited with ${code}:\n${output()}`));
    });
  });
}

/** `EXCHANGE_DESTINATIONS` naming one FHIR destination `national` at `url`. */
export function destinationsEnv(url: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify([
    {
      name: 'national',
      kind: 'fhir',
      url,
      resourceTypes: ['Patient', 'Observation'],
      backoffBaseMs: 20,
      backoffMaxMs: 200,
      timeoutMs: 2_000,
      ...extra,
    },
  ]);
}

/** Calls the operator API of `gateway` with the admin token. */
export async function operator(gateway: { baseUrl: string }, path: string, method = 'GET'): Promise<Response> {
  const root = gateway.baseUrl.replace(/\/fhir$/, '');
  return fetch(`${root}/admin/exchange${path}`, { method, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
}

/** Delivery counts of destination `national`. */
export async function nationalCounts(gateway: { baseUrl: string }): Promise<Record<string, number>> {
  const body = (await (await operator(gateway, '/counters')).json()) as {
    destinations: { name: string; counts: Record<string, number> }[];
  };
  return body.destinations.find((d) => d.name === 'national')!.counts;
}

/** Polls `done` until it holds (or gives up after `rounds` polls, returning false). */
export async function eventually(done: () => Promise<boolean>, rounds = 600, pauseMs = 50): Promise<boolean> {
  for (let i = 0; i < rounds; i++) {
    if (await done()) return true;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  return false;
}

/** Every resource of `resourceType` on the server at `client`, following pages. */
export async function allOf<T extends fhir4.Resource>(client: Client, resourceType: string): Promise<T[]> {
  const out: T[] = [];
  let bundle = (await client.search({ resourceType, searchParams: { _count: '500' } })) as unknown as fhir4.Bundle;
  for (;;) {
    out.push(...(bundle.entry ?? []).map((e) => e.resource as T));
    const next = bundle.link?.find((l) => l.relation === 'next')?.url;
    if (!next) return out;
    bundle = (await client.nextPage({ bundle: bundle as never })) as unknown as fhir4.Bundle;
  }
}

/** The record key of a resource: the value of its {@link RECORD_SYSTEM} identifier. */
export function recordKey(resource: fhir4.Resource): string | undefined {
  const identifiers = (resource as { identifier?: fhir4.Identifier[] }).identifier ?? [];
  return identifiers.find((i) => i.system === RECORD_SYSTEM)?.value;
}

/** A resource body as fhir-kit-client takes it. */
export type Body = Record<string, unknown> & { resourceType: string };

/** A Patient keyed on `key`. */
export function patientBody(key: string, family = 'Test'): Body {
  return {
    resourceType: 'Patient',
    identifier: [{ system: RECORD_SYSTEM, value: key }],
    name: [{ family }],
  };
}

/** A body-weight Observation keyed on `key`, about `patientId`. */
export function observationBody(key: string, patientId: string, grams = 3400): Body {
  return {
    resourceType: 'Observation',
    identifier: [{ system: RECORD_SYSTEM, value: key }],
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] },
    subject: { reference: `Patient/${patientId}` },
    valueQuantity: { value: grams, unit: 'g', system: 'http://unitsofmeasure.org', code: 'g' },
  };
}
