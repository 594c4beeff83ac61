/**
 * The documented `compose.yaml` on the tests' PostgreSQL path (issue 16: where no container
 * engine runs, the compose file is exercised this way). The gateway service's environment is
 * read from compose.yaml, on top of the Dockerfile's ENV, and the Node entry the image runs
 * (`src/entry/node.ts`) is started with it; only what needs a container network is swapped:
 * DATABASE_URL's host, port and credentials point at the tests' server (keeping the compose
 * form), the port is a free one, and PG_SCHEMA isolates this run. Needs the PostgreSQL server
 * of the tests: PGlite cannot be reached through a DATABASE_URL by another process, so without
 * the server this file is skipped.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DockerfileParser } from 'dockerfile-ast';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dropPostgresSchema } from '../../src/storage/adapters/pg-driver.js';
import { serverReachable, TEST_DATABASE_URL } from '../conformance/postgres-harness.js';
import { startNodeServer, type RunningServer } from './node-server.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface ComposeService {
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
}
const compose = parse(readFileSync(`${ROOT}compose.yaml`, 'utf8')) as { services: Record<string, ComposeService> };
const gatewayEnv = compose.services.gateway!.environment!;
const postgresEnv = compose.services.postgres!.environment!;

/** `ENV` of the Dockerfile's last stage, the environment the image starts the entry with. */
function dockerfileEnv(): Record<string, string> {
  const instructions = DockerfileParser.parse(readFileSync(`${ROOT}Dockerfile`, 'utf8')).getInstructions();
  const lastFrom = instructions.map((i) => i.getKeyword()).lastIndexOf('FROM');
  const env: Record<string, string> = {};
  for (const instruction of instructions.slice(lastFrom).filter((i) => i.getKeyword() === 'ENV')) {
    for (const pair of (instruction.getArgumentsContent() ?? '').split(/\s+/)) {
      const [name, ...value] = pair.split('=');
      if (name && value.length) env[name] = value.join('=');
    }
  }
  return env;
}

/** compose's DATABASE_URL with the host, port and credentials of the tests' server. */
function onTestServer(composeUrl: string, schemaHolder: string): string {
  const target = new URL(composeUrl);
  const test = new URL(schemaHolder);
  for (const part of ['hostname', 'port', 'username', 'password', 'pathname'] as const) target[part] = test[part];
  return target.toString();
}

describe('compose.yaml', () => {
  it("connects the gateway to the postgres service with that service's own user, password and database", () => {
    const url = new URL(gatewayEnv.DATABASE_URL!);
    expect(url.protocol).toBe('postgres:');
    expect(url.hostname).toBe('postgres');
    expect(Object.keys(compose.services)).toContain(url.hostname);
    expect(url.port).toBe('5432');
    expect(decodeURIComponent(url.username)).toBe(postgresEnv.POSTGRES_USER);
    expect(decodeURIComponent(url.password)).toBe(postgresEnv.POSTGRES_PASSWORD);
    expect(url.pathname.slice(1)).toBe(postgresEnv.POSTGRES_DB);
    expect(compose.services.gateway!.depends_on?.postgres?.condition).toBe('service_healthy');
  });
});

/** The first output line containing `text`, once the process has written it (the log is asynchronous). */
async function logLine(text: string): Promise<string | undefined> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const line = server!
      .output()
      .split('\n')
      .find((l) => l.includes(text));
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}

const schema = `openapi_compose_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
let server: RunningServer | undefined;

describe.skipIf(!serverReachable)('the gateway started with the environment of compose.yaml, on PostgreSQL', () => {
  beforeAll(async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    server = await startNodeServer(
      {
        ...dockerfileEnv(),
        ...gatewayEnv,
        DATABASE_URL: onTestServer(gatewayEnv.DATABASE_URL!, TEST_DATABASE_URL),
        PG_SCHEMA: schema,
        PORT: '0',
        HOST: '127.0.0.1',
      },
      { startupTimeoutMs: 90_000 },
    );
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await dropPostgresSchema(TEST_DATABASE_URL, schema);
  });

  it('is ready: database reachable, migrations applied, guide loaded', async () => {
    const response = await fetch(new URL('/readyz', server!.baseUrl));
    const body = (await response.json()) as { status: string; checks: { name: string; ok: boolean }[] };
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body.checks.every((check) => check.ok)).toBe(true);
  });

  it('loads the demo data (LOAD_DEMO_DATA of compose.yaml) into PostgreSQL, not into a SQLite file', async () => {
    const response = await fetch(`${server!.baseUrl}/Patient/demo-child`);
    expect(response.status).toBe(200);
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ count: string }>(
        `SELECT count(*) FROM ${schema}.resource_current WHERE resource_type = 'Patient' AND id = 'demo-child'`,
      );
      expect(rows[0]!.count).toBe('1');
    } finally {
      await client.end();
    }
  });

  it('logs JSON lines at the LOG_LEVEL of compose.yaml', async () => {
    await fetch(new URL('/healthz', server!.baseUrl));
    expect(gatewayEnv.LOG_LEVEL).toBe('info');
    const line = await logLine('"route":"/healthz"');
    expect(line, server!.output().slice(-2000)).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ level: 'info', method: 'GET', status: 200 });
  });
});
