/**
 * One generated request of the fuzz suite, how it is sent, and what its answer must satisfy.
 */
import { expect } from 'vitest';
import type { RunningServer } from '../../runtime/node-server.js';
import { parseRawAnswer, send, sendRaw, type RawAnswer } from '../harness.js';

/** A request sent through fetch (`body` text or bytes) or, with `raw`, as bytes on a socket. */
export interface FuzzRequest {
  /** What the generator did, for the failure message. */
  label: string;
  method: string;
  /** Path below the FHIR base, starting with `/` (or empty for the base itself). */
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** Bytes sent as they are on a fresh connection; the answer is parsed from the raw text. */
  raw?: Uint8Array;
  /** Set by generators whose every case is invalid FHIR: the answer must then be a 4xx. */
  mustReject?: boolean;
}

const FHIR_JSON = 'application/fhir+json';

/** A request with a FHIR JSON body. */
export function jsonRequest(
  label: string,
  method: string,
  path: string,
  body: string | Uint8Array,
  mustReject = false,
): FuzzRequest {
  return { label, method, path, headers: { 'content-type': FHIR_JSON }, body, ...(mustReject ? { mustReject } : {}) };
}

/** Sends `request` and returns the answer (status 0 when the server closed without one). */
export async function sendFuzz(server: RunningServer, request: FuzzRequest): Promise<RawAnswer> {
  if (request.raw) {
    const text = await sendRaw(server, request.raw, 5_000);
    if (!text) return { status: 0, contentType: null, body: undefined, text };
    return parseRawAnswer(text);
  }
  return send(server, request.path, {
    method: request.method,
    headers: request.headers,
    ...(request.body !== undefined && request.method !== 'GET' && request.method !== 'HEAD'
      ? { body: request.body as BodyInit }
      : {}),
  });
}

/** A 4xx, or for `$validate` a 200 OperationOutcome with an error issue. */
function isRefusal(request: FuzzRequest, answer: RawAnswer): boolean {
  if (answer.status >= 400 && answer.status < 500) return true;
  if (answer.status !== 200 || !request.path.includes('$validate')) return false;
  const outcome = answer.body as fhir4.OperationOutcome | undefined;
  return outcome?.issue?.some((issue) => issue.severity === 'error' || issue.severity === 'fatal') ?? false;
}

/**
 * The rules every answer keeps, whatever was sent: never a 5xx; every error an
 * `application/fhir+json` OperationOutcome; a 2xx JSON answer is a FHIR resource.
 */
export function expectWellFormedAnswer(request: FuzzRequest, answer: RawAnswer): void {
  const where = `${request.label}: ${request.method} ${request.path} → ${answer.status} ${answer.text.slice(0, 300)}`;
  expect(answer.status, where).toBeLessThan(500);
  if (request.mustReject) expect(isRefusal(request, answer), `${where}: invalid input must be refused`).toBe(true);
  if (answer.status === 0) return; // the server closed a connection it could not parse; nothing stored
  if (answer.status >= 400) {
    if (request.method === 'HEAD') return;
    expect(answer.contentType ?? '', where).toMatch(/^application\/fhir\+json/);
    expect((answer.body as { resourceType?: string } | undefined)?.resourceType, where).toBe('OperationOutcome');
    return;
  }
  if (answer.body !== undefined) {
    expect(typeof (answer.body as { resourceType?: unknown }).resourceType, where).toBe('string');
  }
}
