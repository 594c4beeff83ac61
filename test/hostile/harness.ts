/**
 * Shared harness of the hostile-input suites: one real Node server per suite, a snapshot of the
 * row count of every table of its SQLite file, raw requests (fetch for HTTP-level cases that
 * fhir-kit-client cannot express, a raw socket for bytes no client would send), and the checks
 * every finding must pass: the status, an OperationOutcome body, an unchanged database, and a
 * server that still answers a plain create.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { expect } from 'vitest';
import { startNodeServer, type NodeServerOptions, type RunningServer } from '../runtime/node-server.js';

/** Row counts keyed by table name. */
export type RowCounts = Record<string, number>;

/** Per table: its row count and a SHA-256 of every row's bytes, in a fixed order. */
export type TableDigests = Record<string, { rows: number; sha256: string }>;

/**
 * Digests every row of every table of the server's database, so that two snapshots are equal only
 * when the stored content is the same byte for byte (values, versions, timestamps, index rows),
 * not merely the same number of rows. Rows are ordered by all their columns; blobs are hashed as
 * their bytes.
 */
export function digestAllRows(server: RunningServer): TableDigests {
  const db = new Database(server.databasePath, { readonly: true, fileMustExist: true });
  try {
    const digests: TableDigests = {};
    for (const name of tableNames(db)) {
      const columns = (db.prepare(`PRAGMA table_info("${name}")`).all() as unknown[]).length;
      const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
      const hash = createHash('sha256');
      let rows = 0;
      for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY ${order}`).raw().iterate() as Iterable<unknown[]>) {
        rows++;
        for (const value of row) hash.update(Buffer.isBuffer(value) ? value : `${typeof value}:${String(value)}`).update('\u0000');
        hash.update('\n');
      }
      digests[name] = { rows, sha256: hash.digest('hex') };
    }
    return digests;
  } finally {
    db.close();
  }
}

function tableNames(db: Database.Database): string[] {
  return (
    db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]
  ).map((t) => t.name);
}

/** Counts the rows of every table of the server's database (read-only; WAL lets it read beside the server). */
export function countAllRows(server: RunningServer): RowCounts {
  const db = new Database(server.databasePath, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .all() as { name: string }[];
    const counts: RowCounts = {};
    for (const { name } of tables) {
      counts[name] = (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n;
    }
    return counts;
  } finally {
    db.close();
  }
}

/** Starts a server for a hostile suite. */
export function startHostileServer(
  env: Record<string, string> = {},
  options: NodeServerOptions = {},
): Promise<RunningServer> {
  return startNodeServer({ LOAD_DEMO_DATA: 'false', ...env }, options);
}

/** A parsed answer: status, content type and the JSON body when there is one. */
export interface RawAnswer {
  status: number;
  contentType: string | null;
  body: unknown;
  text: string;
}

/** Sends a request with fetch and reads the whole answer. */
export async function send(server: RunningServer, path: string, init: RequestInit = {}): Promise<RawAnswer> {
  const response = await fetch(`${server.baseUrl}${path}`, init);
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type'), body, text };
}

/** Sends raw bytes over a socket and returns the raw answer text (status line, headers, body). */
export function sendRaw(server: RunningServer, bytes: string | Uint8Array, timeoutMs = 10_000): Promise<string> {
  const { hostname, port } = new URL(server.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('utf8'));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error) => {
      clearTimeout(timer);
      if (chunks.length) resolve(Buffer.concat(chunks).toString('utf8'));
      else reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    socket.write(bytes);
  });
}

/** Splits a raw HTTP/1.1 answer into status, headers and body text. */
export function parseRawAnswer(raw: string): RawAnswer {
  const split = raw.indexOf('\r\n\r\n');
  const head = split >= 0 ? raw.slice(0, split) : raw;
  const text = split >= 0 ? raw.slice(split + 4) : '';
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  const header = (name: string) =>
    headerLines
      .find((line) => line.toLowerCase().startsWith(`${name}:`))
      ?.slice(name.length + 1)
      .trim() ?? null;
  let body: unknown;
  try {
    body = JSON.parse(header('transfer-encoding') === 'chunked' ? dechunk(text) : text);
  } catch {
    body = undefined;
  }
  return { status, contentType: header('content-type'), body, text };
}

function dechunk(text: string): string {
  let out = '';
  let rest = text;
  for (;;) {
    const line = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, line), 16);
    if (!size) return out;
    out += rest.slice(line + 2, line + 2 + size);
    rest = rest.slice(line + 4 + size);
  }
}

/** Asserts an OperationOutcome answer with `status` and at least one error issue. */
export function expectOutcomeAnswer(
  answer: RawAnswer,
  status: number | ((status: number) => boolean),
): fhir4.OperationOutcome {
  if (typeof status === 'number') expect(answer.status, answer.text.slice(0, 500)).toBe(status);
  else expect(status(answer.status), `status ${answer.status}: ${answer.text.slice(0, 500)}`).toBe(true);
  expect(answer.contentType ?? '').toMatch(/^application\/fhir\+json/);
  const outcome = answer.body as fhir4.OperationOutcome;
  expect(outcome?.resourceType).toBe('OperationOutcome');
  expect(outcome.issue.some((issue) => issue.severity === 'error' || issue.severity === 'fatal')).toBe(true);
  return outcome;
}

/** A 4xx status (never a 5xx, never a 2xx) for hostile input. */
export const isClientError = (status: number): boolean => status >= 400 && status < 500;

/** Asserts the server still takes a plain create after a hostile request, and takes it back out. */
export async function expectServerStillWorks(server: RunningServer): Promise<void> {
  const created = await send(server, '/Patient', {
    method: 'POST',
    headers: { 'content-type': 'application/fhir+json' },
    body: JSON.stringify({ resourceType: 'Patient', gender: 'female', birthDate: '2025-01-02' }),
  });
  expect(created.status, created.text.slice(0, 500)).toBe(201);
  const id = (created.body as fhir4.Patient).id!;
  const read = await send(server, `/Patient/${id}`);
  expect(read.status).toBe(200);
}

/**
 * Runs `attack`, then asserts the database row counts did not change, and that a plain create
 * still works afterwards (which does change the counts, so it runs last).
 */
export async function expectNothingStored<T>(server: RunningServer, attack: () => Promise<T>): Promise<T> {
  const before = countAllRows(server);
  const result = await attack();
  expect(countAllRows(server)).toEqual(before);
  await expectServerStillWorks(server);
  return result;
}
