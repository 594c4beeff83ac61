/**
 * Found by the fuzz suite: a body over MAX_BODY_BYTES was refused before it was read, and a
 * client still sending it saw the connection closed under it ("other side closed") instead of
 * the 413. The server now reads and drops an oversized body (up to four times the limit) before
 * answering, so the client gets its 413 OperationOutcome and can keep using the connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../runtime/node-server.js';
import { expectNothingStored, expectOutcomeAnswer, send, startHostileServer } from './harness.js';

const MAX_BODY_BYTES = 1_000_000;
let server: RunningServer;

beforeAll(async () => {
  server = await startHostileServer({ MAX_BODY_BYTES: String(MAX_BODY_BYTES) });
});
afterAll(async () => {
  await server?.stop();
});

const ENDPOINTS = [
  { method: 'POST', path: '/Patient' },
  { method: 'PUT', path: '/Patient/big' },
  { method: 'POST', path: '' },
  { method: 'POST', path: '/Patient/$validate' },
  { method: 'PATCH', path: '/Patient/big', contentType: 'application/json-patch+json' },
  { method: 'POST', path: '/Patient/_search', contentType: 'application/x-www-form-urlencoded' },
];

describe('a body over the size limit', () => {
  it.each(ENDPOINTS)(
    'gets a 413 OperationOutcome on $method $path, and the next request on the same connection works',
    async (endpoint) => {
      const body = `{"resourceType":"Patient","x":"${'a'.repeat(3 * MAX_BODY_BYTES)}"}`;
      await expectNothingStored(server, async () => {
        const answer = await send(server, endpoint.path, {
          method: endpoint.method,
          headers: { 'content-type': endpoint.contentType ?? 'application/fhir+json' },
          body,
        });
        expectOutcomeAnswer(answer, 413);
      });
      const next = await send(server, '/Patient?_count=1');
      expect(next.status).toBe(200);
    },
  );

  it.each(['/Patient', '/Patient/_search'])(
    'is refused with 413 on POST %s when it streams without a Content-Length',
    async (path) => {
      const chunk = new TextEncoder().encode('a'.repeat(64 * 1024));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= 3 * MAX_BODY_BYTES) return controller.close();
          sent += chunk.byteLength;
          controller.enqueue(chunk);
        },
      });
      const contentType = path.endsWith('_search') ? 'application/x-www-form-urlencoded' : 'application/fhir+json';
      await expectNothingStored(server, async () => {
        const init = { method: 'POST', headers: { 'content-type': contentType }, body: stream, duplex: 'half' };
        expectOutcomeAnswer(await send(server, path, init as RequestInit), 413);
      });
    },
  );
});
