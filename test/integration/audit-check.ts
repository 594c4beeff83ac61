/**
 * The opt-in audit check of the integration server helper: a recording proxy in front of the
 * real server gives every request an `X-Request-Id` (unless the test sent one) and notes its
 * method, path and status. After the file, the AuditEvents the gateway stored are compared with
 * those requests (decision 031):
 * - every request to a record path has an AuditEvent carrying its request id;
 * - a refused or failed request (4xx, 5xx) has exactly one, with that status and outcome 4/8,
 *   and nothing else: a commit of the request would have left an event of its own;
 * - a successful read, search or operation (GET) has exactly one, outcome 0; a successful write
 *   has one per commit, all outcome 0;
 * - no AuditEvent names a request nobody made.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const BALP_ENTITY_TYPE = 'https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType';
/** Request ids of the check's own reads of the audit trail. */
const CHECK_PREFIX = 'audit-check-';

/** One request that passed the proxy. */
export interface RecordedRequest {
  id: string;
  method: string;
  path: string;
  status: number;
}

/** A proxy in front of `target` (an origin, `http://host:port`) that records every request. */
export interface RecordingProxy {
  origin: string;
  requests: RecordedRequest[];
  close: () => Promise<void>;
}

/** Starts the proxy on a free port. */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const requests: RecordedRequest[] = [];
  const upstream = new URL(target);
  let counter = 0;
  const server: Server = createServer((incoming, outgoing) => {
    const given = incoming.headers['x-request-id'];
    const id = typeof given === 'string' ? given : `audit-${process.pid}-${++counter}`;
    const recorded: RecordedRequest = { id, method: incoming.method ?? 'GET', path: incoming.url ?? '/', status: 0 };
    requests.push(recorded);
    const forwarded = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, 'x-request-id': id },
      },
      (answer: IncomingMessage) => {
        recorded.status = answer.statusCode ?? 0;
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Whether the gateway audits `path` (the paths access control guards). */
function isAudited(method: string, path: string): boolean {
  const pathname = path.split('?')[0]!;
  if (method === 'OPTIONS') return false;
  if (pathname === '/fhir/metadata' || pathname === '/fhir/.well-known/smart-configuration') return false;
  return /^\/(fhir|ingest|export|admin)(\/|$)/.test(pathname);
}

/** Every AuditEvent stored by the gateway at `baseUrl` (the FHIR base), read directly. */
async function readAuditTrail(baseUrl: string): Promise<fhir4.AuditEvent[]> {
  const events: fhir4.AuditEvent[] = [];
  let next: string | undefined = `${baseUrl}/AuditEvent?_count=500`;
  for (let page = 0; next; page++) {
    const response = await fetch(next, { headers: { 'x-request-id': `${CHECK_PREFIX}${page}` } });
    if (!response.ok) throw new Error(`reading the audit trail: HTTP ${response.status}`);
    const bundle = (await response.json()) as fhir4.Bundle;
    for (const entry of bundle.entry ?? []) events.push(entry.resource as fhir4.AuditEvent);
    next = bundle.link?.find((link) => link.relation === 'next')?.url;
  }
  return events;
}

function requestIdOf(event: fhir4.AuditEvent): string | undefined {
  return event.entity?.find((e) => e.type?.system === BALP_ENTITY_TYPE && e.type.code === 'XrequestId')?.what
    ?.identifier?.value;
}

/**
 * The differences between `requests` and the audit trail of the gateway at `baseUrl`; empty
 * when every request left exactly the AuditEvents expected of it.
 */
export async function auditDifferences(baseUrl: string, requests: readonly RecordedRequest[]): Promise<string[]> {
  const byId = new Map<string, fhir4.AuditEvent[]>();
  const problems: string[] = [];
  for (const event of await readAuditTrail(baseUrl)) {
    const id = requestIdOf(event);
    if (id?.startsWith(CHECK_PREFIX)) continue;
    if (id === undefined) {
      problems.push(`an AuditEvent without a request id: ${event.subtype?.[0]?.code} ${event.outcomeDesc}`);
      continue;
    }
    byId.set(id, [...(byId.get(id) ?? []), event]);
  }
  const made = new Set(requests.map((r) => r.id));
  for (const id of byId.keys()) if (!made.has(id)) problems.push(`AuditEvents of request ${id}, which was not made`);
  for (const request of requests) {
    const events = byId.get(request.id) ?? [];
    const label = `${request.method} ${request.path.slice(0, 120)} → ${request.status}`;
    if (!isAudited(request.method, request.path)) {
      if (events.length > 0) problems.push(`${label}: audited, but it is not a record path`);
      continue;
    }
    problems.push(...expectedOf(label, request, events));
  }
  return problems;
}

function expectedOf(label: string, request: RecordedRequest, events: fhir4.AuditEvent[]): string[] {
  if (events.length === 0) return [`${label}: no AuditEvent`];
  const outcomes = events.map((e) => `${e.outcome} ${e.outcomeDesc}`).join(', ');
  if (request.status >= 400) {
    const expected = `${request.status >= 500 ? '8' : '4'} HTTP ${request.status}`;
    return events.length === 1 && outcomes === expected
      ? []
      : [`${label}: expected one event ${expected}, got ${outcomes}`];
  }
  if (events.some((e) => e.outcome !== '0')) return [`${label}: a success audited as ${outcomes}`];
  if (request.method === 'GET' && events.length !== 1) return [`${label}: ${events.length} AuditEvents for one read`];
  return [];
}
