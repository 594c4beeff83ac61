/**
 * Hardening of the Node HTTP server under the gateway: its limits, an OperationOutcome answer
 * for requests its parser rejects (Node's own answer is an empty 400/431), and a lingering close
 * so that a client whose request body was not read still receives the whole answer.
 * @see https://nodejs.org/docs/latest-v20.x/api/http.html#event-clienterror
 * @module
 */
import { RequestError, getRequestListener } from '@hono/node-server';
import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { HttpServerConfig } from '../config/http-server-config.js';
import { badRequest } from '../fhir/outcome.js';
import { errorToResponse } from '../http/errors.js';
import { FHIR_JSON } from '../http/fhir-response.js';
import { parserFailureVerdict, toRawHttpAnswer } from '../http/parser-error-answer.js';

// How often Node checks headersTimeout and requestTimeout (its default, 30 s, would let a slow
// client hold a connection up to 30 s past its limit).
const CONNECTIONS_CHECKING_INTERVAL_MS = 2_000;

/** Options of {@link createNodeServer}. */
export interface NodeServerOptions {
  fetch: (request: Request) => Response | Promise<Response>;
  /** Host name of requests without a Host header (HTTP/1.0 only; HTTP/1.1 requires one). */
  hostname: string;
  limits: HttpServerConfig;
}

/**
 * The gateway's HTTP server: `fetch` behind @hono/node-server's request listener, with the
 * limits of `limits`; every answer, including those to requests that never reach `fetch`, is an
 * OperationOutcome.
 */
export function createNodeServer(options: NodeServerOptions): Server {
  const { fetch, hostname, limits } = options;
  const listener = getRequestListener(fetch, { hostname, errorHandler: requestErrorAnswer });
  const server = createServer(nodeServerOptions(limits), (incoming, outgoing) => {
    if (lacksRequiredHost(incoming)) return void answerMissingHost(outgoing);
    void listener(incoming, outgoing);
  });
  hardenNodeServer(server, limits);
  return server;
}

function nodeServerOptions(limits: HttpServerConfig): ServerOptions {
  return {
    maxHeaderSize: limits.maxHeaderBytes,
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: CONNECTIONS_CHECKING_INTERVAL_MS,
    // Checked below instead, so that the 400 carries an OperationOutcome.
    requireHostHeader: false,
  };
}

/** @see https://www.rfc-editor.org/rfc/rfc9112#section-3.2 (an HTTP/1.1 request without Host is a 400) */
function lacksRequiredHost(incoming: IncomingMessage): boolean {
  return incoming.httpVersion === '1.1' && !incoming.headers.host;
}

function answerMissingHost(outgoing: ServerResponse): void {
  const body = JSON.stringify(badRequest('An HTTP/1.1 request must carry a Host header').outcome);
  outgoing.writeHead(400, { 'content-type': FHIR_JSON, connection: 'close' }).end(body);
}

/** A request @hono/node-server cannot turn into a `Request` (bad Host, request target `*`). */
function requestErrorAnswer(err: unknown): Response {
  const thrown =
    err instanceof RequestError ? badRequest('The request target or the Host header is not a valid URL') : err;
  return errorToResponse(thrown, 'none');
}

function hardenNodeServer(server: Server, limits: HttpServerConfig): void {
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.on('connection', (socket: Socket) => lingerOnClose(socket, limits.lingerMs));
  server.on('clientError', (err: ParserError, socket: Duplex) => answerClientError(err, socket, limits));
}

interface ParserError extends Error {
  code?: string;
  rawPacket?: Buffer;
}

// llhttp stays in its error state and reports the same error again for each later chunk.
const answered = new WeakSet<Duplex>();

function answerClientError(err: ParserError, socket: Duplex, limits: HttpServerConfig): void {
  if (answered.has(socket)) return;
  answered.add(socket);
  // `_httpMessage` is the response in progress on this socket (Node's own default handler reads
  // it too): once its headers are out, another answer would corrupt the stream.
  const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const verdict = parserFailureVerdict({ code: err.code, rawPacket: err.rawPacket }, limits.maxHeaderBytes);
  socket.write(toRawHttpAnswer(verdict));
  const closing = socket as Partial<Socket>;
  if (typeof closing.destroySoon === 'function') closing.destroySoon();
  else socket.end();
}

/**
 * @hono/node-server's `autoCleanupIncoming` drains unread bodies of other methods than GET and
 * HEAD, but a closing exchange still ends in the destroy below. Node ends a `Connection: close`
 * exchange (and that drain when it gives up) with `socket.destroySoon()`: FIN
 * once the answer is written, then destroy. Request bytes still unread in the kernel turn that
 * destroy into a TCP reset, and a reset can discard the answer before the client reads it. So
 * instead: half-close, keep reading (the HTTP parser discards the bytes) until the client closes
 * or `lingerMs` after the answer was written, then destroy.
 */
function lingerOnClose(socket: Socket, lingerMs: number): void {
  socket.destroySoon = function lingeringClose(this: Socket) {
    if (this.destroyed) return;
    if (this.writable) this.end();
    const start = () => {
      const timer = setTimeout(() => this.destroy(), lingerMs);
      timer.unref();
      this.once('close', () => clearTimeout(timer));
    };
    if (this.writableFinished) start();
    else this.once('finish', start);
  };
}
