/**
 * Answers to requests that the runtime's HTTP parser rejects before the app sees them (request
 * line or headers too large, a malformed method, bytes not allowed in the request line, both
 * Content-Length and Transfer-Encoding, bad chunking). They get the same currency as every other
 * error: a small `application/fhir+json` OperationOutcome with the right status, written as a
 * complete HTTP/1.1 message with `Connection: close`. Pure: the Node entry writes the bytes.
 * @see https://hl7.org/fhir/R4/http.html#summary
 * @see https://www.rfc-editor.org/rfc/rfc9112#section-2.2
 * @module
 */
import { FhirError, error, type IssueCode } from '../fhir/outcome.js';

/** What the parser reported: its error code and the bytes it was parsing (Node's `rawPacket`). */
export interface ParserFailure {
  code?: string | undefined;
  rawPacket?: Uint8Array | undefined;
}

interface Verdict {
  status: number;
  code: IssueCode;
  message: string;
}

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  413: 'Content Too Large',
  414: 'URI Too Long',
  431: 'Request Header Fields Too Large',
};

// Messages name the kind of problem only: the offending bytes are the attacker's and stay out.
const BY_CODE: Readonly<Record<string, Verdict>> = {
  HPE_HEADER_OVERFLOW: { status: 431, code: 'too-long', message: 'The request headers are too large' },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { status: 413, code: 'too-long', message: 'The chunk extensions are too large' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'timeout', message: 'The request was not received in time' },
  HPE_INVALID_METHOD: { status: 400, code: 'structure', message: 'The request method is not a valid HTTP method' },
  HPE_INVALID_URL: {
    status: 400,
    code: 'structure',
    message: 'The request target contains characters not allowed in a URL',
  },
  HPE_INVALID_TRANSFER_ENCODING: {
    status: 400,
    code: 'structure',
    message: 'Transfer-Encoding is invalid or sent together with Content-Length',
  },
  HPE_UNEXPECTED_CONTENT_LENGTH: {
    status: 400,
    code: 'structure',
    message: 'Content-Length must not be sent together with Transfer-Encoding',
  },
  HPE_INVALID_CHUNK_SIZE: {
    status: 400,
    code: 'structure',
    message: 'The chunked request body has an invalid chunk size',
  },
};

const URI_TOO_LONG: Verdict = { status: 414, code: 'too-long', message: 'The request URL is too long' };
const GENERIC: Verdict = {
  status: 400,
  code: 'structure',
  message: 'The request is not a well-formed HTTP/1.1 message',
};

/** The status and issue for a parser failure; a header overflow inside the request line is a 414. */
export function parserFailureVerdict(failure: ParserFailure, maxHeaderBytes: number): Verdict {
  if (failure.code === 'HPE_HEADER_OVERFLOW' && isRequestLineTooLong(failure.rawPacket, maxHeaderBytes)) {
    return URI_TOO_LONG;
  }
  return (failure.code !== undefined && BY_CODE[failure.code]) || GENERIC;
}

/**
 * True when `raw` starts a request (`METHOD SP`) whose request line has no line end within
 * `limit` bytes: the request line alone overflowed the header limit, so the URL is what is too long.
 */
export function isRequestLineTooLong(raw: Uint8Array | undefined, limit: number): boolean {
  if (!raw || !startsWithMethod(raw)) return false;
  const end = Math.min(raw.length, limit + 1);
  for (let i = 0; i < end; i++) if (raw[i] === 0x0a || raw[i] === 0x0d) return false;
  return true;
}

function startsWithMethod(raw: Uint8Array): boolean {
  let i = 0;
  // Methods are upper-case tokens (GET, POST, …); a space ends the method.
  while (i < raw.length && i < 32 && raw[i]! >= 0x41 && raw[i]! <= 0x5a) i++;
  return i > 0 && raw[i] === 0x20;
}

/** A complete HTTP/1.1 answer carrying the OperationOutcome of `verdict`, closing the connection. */
export function toRawHttpAnswer(verdict: Verdict): string {
  const outcome = new FhirError(verdict.status, error(verdict.code, verdict.message)).outcome;
  const body = JSON.stringify(outcome);
  const length = new TextEncoder().encode(body).byteLength;
  const reason = REASONS[verdict.status] ?? 'Bad Request';
  return (
    `HTTP/1.1 ${verdict.status} ${reason}\r\n` +
    'Content-Type: application/fhir+json; charset=utf-8\r\n' +
    `Content-Length: ${length}\r\n` +
    'Connection: close\r\n' +
    '\r\n' +
    body
  );
}
