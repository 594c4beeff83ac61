/**
 * Finding 8 of issue 17: requests that Node's HTTP parser rejects got empty 400/431 answers, and
 * a GET carrying a 1 MB body with `Connection: close` lost its answer to a TCP reset. Each raw
 * request below must get a complete OperationOutcome answer with the right status, store nothing,
 * and leave a server that still takes a plain create.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../runtime/node-server.js';
import { expectNothingStored, expectOutcomeAnswer, parseRawAnswer, sendRaw, startHostileServer } from './harness.js';

let server: RunningServer;
let host: string;

beforeAll(async () => {
  // Short timeouts so that the slow-client case answers within the test; the others send at once.
  server = await startHostileServer({ HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '4000' });
  host = new URL(server.baseUrl).host;
});
afterAll(() => server.stop());

const KB = 1024;

/** The raw request (string or bytes) and the status its answer must carry. */
function cases(): [name: string, request: () => string | Uint8Array, status: number][] {
  const create = (headers: string, body: string) =>
    `POST /fhir/Patient HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/fhir+json\r\n${headers}\r\n${body}`;
  return [
    ['a URL over 16 KB', () => `GET /fhir/Patient?name=${'a'.repeat(20 * KB)} HTTP/1.1\r\nHost: ${host}\r\n\r\n`, 414],
    [
      'headers over 16 KB',
      () => `GET /fhir/metadata HTTP/1.1\r\nHost: ${host}\r\nX-Big: ${'a'.repeat(20 * KB)}\r\n\r\n`,
      431,
    ],
    [
      'many headers over 16 KB in total',
      () => `GET /fhir/metadata HTTP/1.1\r\nHost: ${host}\r\n${'X-A: aaaaaaaaaaaaaaaa\r\n'.repeat(1000)}\r\n`,
      431,
    ],
    ['a malformed method', () => `GE{T /fhir/metadata HTTP/1.1\r\nHost: ${host}\r\n\r\n`, 400],
    ['an unknown method', () => `FROB /fhir/metadata HTTP/1.1\r\nHost: ${host}\r\n\r\n`, 400],
    [
      'raw UTF-8 bytes in the request line',
      () => new TextEncoder().encode(`GET /fhir/Patient?name=Әлия HTTP/1.1\r\nHost: ${host}\r\n\r\n`),
      400,
    ],
    [
      'Content-Length with Transfer-Encoding',
      () => create('Content-Length: 5\r\nTransfer-Encoding: chunked\r\n', '0\r\n\r\n'),
      400,
    ],
    ['a chunk size that is not hex', () => create('Transfer-Encoding: chunked\r\n', 'ZZ\r\n{}\r\n0\r\n\r\n'), 400],
    ['a chunk size with a sign', () => create('Transfer-Encoding: chunked\r\n', '-2\r\n{}\r\n0\r\n\r\n'), 400],
    [
      'chunk extensions over the limit',
      () => create('Transfer-Encoding: chunked\r\n', `2;${'x'.repeat(20 * KB)}\r\n{}\r\n0\r\n\r\n`),
      413,
    ],
    ['an HTTP/1.1 request without Host', () => `GET /fhir/metadata HTTP/1.1\r\n\r\n`, 400],
    [
      'a Host header that is not a host',
      () => `GET /fhir/metadata HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n`,
      400,
    ],
    ['the request target *', () => `GET * HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`, 400],
    [
      'a control character in a header value',
      () => `GET /fhir/metadata HTTP/1.1\r\nHost: ${host}\r\nX-A: \u0001\r\n\r\n`,
      400,
    ],
    ['an HTTP version that does not exist', () => `GET /fhir/metadata HTTP/7.3\r\nHost: ${host}\r\n\r\n`, 400],
  ];
}

describe('finding 8: HTTP parser errors answer an OperationOutcome', () => {
  for (const [name, request, status] of cases()) {
    it(`answers ${status} with an OperationOutcome for ${name}`, async () => {
      const answer = await expectNothingStored(server, async () => parseRawAnswer(await sendRaw(server, request())));
      const outcome = expectOutcomeAnswer(answer, status);
      expect(JSON.stringify(outcome)).not.toContain('aaaaaaaa');
    });
  }

  it('answers 408 with an OperationOutcome to a client that never finishes its headers', async () => {
    const partial = `GET /fhir/metadata HTTP/1.1\r\nHost: ${host}\r\nX-Slow: `;
    const answer = await expectNothingStored(server, async () => parseRawAnswer(await sendRaw(server, partial)));
    expectOutcomeAnswer(answer, 408);
  });

  it('delivers the whole answer to a GET with a 1 MB unread body and Connection: close', async () => {
    const body = 'x'.repeat(1024 * KB);
    const head =
      `GET /fhir/Patient/does-not-exist HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n` +
      `Content-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n`;
    const exchange = await expectNothingStored(server, () => sendSlowly(head, body));
    expect(exchange.error, 'the client saw the connection reset').toBeUndefined();
    expectOutcomeAnswer(parseRawAnswer(exchange.raw), 404);
  });

  it('delivers the whole answer to a create over the body limit with Connection: close', async () => {
    const body = JSON.stringify({ resourceType: 'Patient', text: 'x'.repeat(3 * 1024 * KB) });
    const head =
      `POST /fhir/Patient HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n` +
      `Content-Type: application/fhir+json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const exchange = await expectNothingStored(server, () => sendSlowly(head, body));
    expect(exchange.error, 'the client saw the connection reset').toBeUndefined();
    expectOutcomeAnswer(parseRawAnswer(exchange.raw), 413);
  });
});

/**
 * Sends `head`, then `body` in 64 KB pieces a few milliseconds apart, as a client on a real
 * network would, and only then half-closes; reads the whole answer. A server that closes while
 * body bytes are still arriving resets the connection, which this client reports as `error`
 * (the way an HTTP client that writes its body first then loses the answer).
 */
function sendSlowly(head: string, body: string): Promise<{ raw: string; error?: string }> {
  const { hostname, port } = new URL(server.baseUrl);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port), allowHalfOpen: true });
    const chunks: Buffer[] = [];
    let error: string | undefined;
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    socket.on('close', () => resolve({ raw: Buffer.concat(chunks).toString('utf8'), ...(error ? { error } : {}) }));
    socket.write(head);
    let sent = 0;
    const pump = () => {
      if (socket.destroyed) return;
      if (sent >= body.length) return void socket.end();
      socket.write(body.slice(sent, sent + 64 * KB));
      sent += 64 * KB;
      setTimeout(pump, 3);
    };
    setTimeout(pump, 20);
  });
}
