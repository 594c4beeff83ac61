// Health, readiness, request log and metrics of the real Node server, over HTTP (issue 16).
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startNodeServer } from '../runtime/node-server.js';
import { useNodeServer } from './fhir-client.js';

const served = useNodeServer({}, { auditCheck: true });
const origin = () => new URL(served.server.baseUrl).origin;

/** The JSON lines the server logged with `msg: request`. */
function requestLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.msg === 'request');
}

describe('/healthz and /readyz', () => {
  it('answers /healthz with 200 outside the FHIR base', async () => {
    const res = await fetch(`${origin()}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with 200 when the database answers, is migrated and holds the guide', async () => {
    const res = await fetch(`${origin()}/readyz`);
    const body = (await res.json()) as { status: string; checks: { name: string; ok: boolean }[] };
    expect(res.status).toBe(200);
    expect(body.checks.map((c) => [c.name, c.ok])).toEqual([
      ['database', true],
      ['migrations', true],
      ['implementation-guide', true],
    ]);
  });

  it('answers /readyz with 503 naming the migration that is missing', async () => {
    const db = new Database(served.server.databasePath);
    try {
      db.prepare("DELETE FROM d1_migrations WHERE name = '0006_derived_index_rows.sql'").run();
      const res = await fetch(`${origin()}/readyz`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as { checks: { name: string; ok: boolean; problem?: string }[] };
      const migrations = body.checks.find((c) => c.name === 'migrations');
      expect(migrations?.ok).toBe(false);
      expect(migrations?.problem).toContain('0006_derived_index_rows.sql');
    } finally {
      db.prepare("INSERT INTO d1_migrations (name) VALUES ('0006_derived_index_rows.sql')").run();
      db.close();
    }
    expect((await fetch(`${origin()}/readyz`)).status).toBe(200);
  });
});

describe('request log', () => {
  it('writes one JSON line per request with its id, route template, status and type, and no IIN or name', async () => {
    const iin = '240315600000';
    await fetch(`${served.server.baseUrl}/Patient?identifier=https://fhir.patronage.kz/sid/iin|${iin}`, {
      headers: { 'x-request-id': 'log-search-1' },
    });
    await fetch(`${served.server.baseUrl}/Patient`, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json', 'x-request-id': 'log-create-1' },
      body: JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Zhaksylykova' }], gender: 'female' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = requestLines(served.server.output());
    const search = lines.find((line) => line.requestId === 'log-search-1');
    const create = lines.find((line) => line.requestId === 'log-create-1');
    expect(search).toMatchObject({
      level: 'info',
      method: 'GET',
      route: '/fhir/:type',
      status: 200,
      resourceType: 'Patient',
    });
    expect(create).toMatchObject({ method: 'POST', route: '/fhir/:type', status: 201, resourceType: 'Patient' });
    expect(typeof search?.durationMs).toBe('number');
    expect(served.server.output()).not.toContain(iin);
    expect(served.server.output()).not.toContain('Zhaksylykova');
  });

  it('gives an error the id its log line carries', async () => {
    const res = await fetch(`${served.server.baseUrl}/Patient/no-such-patient`);
    const id = res.headers.get('x-request-id');
    expect(res.status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const line = requestLines(served.server.output()).find((l) => l.requestId === id);
    expect(line).toMatchObject({ level: 'warn', status: 404, route: '/fhir/:type/:id' });
  });

  it('logs only warnings and errors at LOG_LEVEL=warn', async () => {
    const quiet = await startNodeServer({ LOG_LEVEL: 'warn' });
    try {
      await fetch(`${quiet.baseUrl}/Patient/demo-child`, { headers: { 'x-request-id': 'quiet-ok' } });
      await fetch(`${quiet.baseUrl}/Patient/none-here`, { headers: { 'x-request-id': 'quiet-404' } });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const ids = requestLines(quiet.output()).map((line) => line.requestId);
      expect(ids).toContain('quiet-404');
      expect(ids).not.toContain('quiet-ok');
    } finally {
      await quiet.stop();
    }
  });
});

describe('/metrics', () => {
  it('counts requests by route and status, latency, validation failures by profile and database time', async () => {
    await fetch(`${served.server.baseUrl}/Patient/demo-child`);
    await fetch(`${served.server.baseUrl}/Patient/demo-child`);
    const invalid = await fetch(`${served.server.baseUrl}/Patient`, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Patient', gender: 'not-a-gender' }),
    });
    expect(invalid.status).toBe(422);
    const res = await fetch(`${origin()}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await res.text();
    const reads = /gateway_http_requests_total\{method="GET",route="\/fhir\/:type\/:id",status="200"\} (\d+)/.exec(
      text,
    );
    expect(Number(reads?.[1])).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(
      /gateway_http_request_duration_seconds_bucket\{method="GET",route="\/fhir\/:type\/:id",le="\+Inf"\} \d+/,
    );
    expect(text).toContain(
      'gateway_validation_failures_total{profile="http://hl7.org/fhir/StructureDefinition/Patient"} 1',
    );
    expect(text).toMatch(/gateway_database_duration_seconds_count\{operation="read"\} [1-9]\d*/);
    expect(text).toMatch(/gateway_database_duration_seconds_count\{operation="batch"\} [1-9]\d*/);
  });
});
