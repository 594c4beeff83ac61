/**
 * Reading a FHIR JSON request body: content type, size limit and JSON syntax, each failure a
 * 4xx OperationOutcome.
 * @see https://hl7.org/fhir/R4/http.html#mime-type
 * @module
 */
import { parseFhirJson } from '../fhir/json/parse-fhir-json.js';
import { FhirError, badRequest, error } from '../fhir/outcome.js';

const ACCEPTED_MEDIA_TYPES = new Set(['application/fhir+json', 'application/json', 'application/json+fhir']);

/** Limits on a JSON body: its size in bytes and its nesting depth (default 100). */
export interface BodyLimits {
  maxBodyBytes: number;
  maxJsonDepth?: number | undefined;
}

/**
 * Reads and strictly parses the body of `request` (see {@link parseFhirJson}); throws 415, 413
 * or 400 as a {@link FhirError}. A bare number is the byte limit.
 */
export async function readFhirJsonBody(request: Request, limits: BodyLimits | number): Promise<unknown> {
  const { maxBodyBytes, maxJsonDepth } = typeof limits === 'number' ? { maxBodyBytes: limits } : limits;
  assertJsonContentType(request.headers.get('content-type'));
  const text = await readTextWithLimit(request, maxBodyBytes);
  if (text.trim() === '')
    throw badRequest('The request body is empty; a FHIR resource was expected', undefined, 'required');
  return parseFhirJson(text, maxJsonDepth === undefined ? {} : { maxDepth: maxJsonDepth });
}

function assertJsonContentType(header: string | null): void {
  const mediaType = header?.split(';')[0]?.trim().toLowerCase();
  if (mediaType && ACCEPTED_MEDIA_TYPES.has(mediaType)) return;
  const got = mediaType ? `'${mediaType}'` : 'no Content-Type';
  throw new FhirError(415, error('not-supported', `Expected Content-Type application/fhir+json, got ${got}`));
}

/**
 * How much of an oversized body is still read and thrown away, as a multiple of the limit, so
 * the client (still sending) gets the 413 on a connection that stays usable; past this the
 * connection is closed instead.
 */
const DRAIN_FACTOR = 4;

/** Reads the body as UTF-8 text, refusing more than `maxBytes` without buffering it all first. */
export async function readTextWithLimit(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (!request.body) {
    if (declared > maxBytes) throw tooLarge(maxBytes);
    return '';
  }
  const reader = request.body.getReader();
  if (declared > maxBytes) {
    await discardRest(reader, declared <= maxBytes * DRAIN_FACTOR ? declared : 0);
    throw tooLarge(maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await readChunk(reader);
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await discardRest(reader, maxBytes * DRAIN_FACTOR - received);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return decodeUtf8(chunks, received);
}

type BodyReader = ReadableStreamDefaultReader<Uint8Array>;

/** One chunk; a body the client broke off or framed badly is a 400, not an internal error. */
async function readChunk(reader: BodyReader): Promise<ReadableStreamReadResult<Uint8Array>> {
  try {
    return await reader.read();
  } catch {
    throw badRequest('The request body could not be read to its end', undefined, 'incomplete');
  }
}

/** Reads and drops up to `budget` more bytes, then cancels whatever is left. */
async function discardRest(reader: BodyReader, budget: number): Promise<void> {
  let dropped = 0;
  try {
    while (dropped <= budget) {
      const { done, value } = await reader.read();
      if (done) return;
      dropped += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // The client went away while we were discarding: nothing left to answer.
  }
}

function decodeUtf8(chunks: readonly Uint8Array[], length: number): string {
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw badRequest('The request body is not valid UTF-8', undefined, 'structure');
  }
}

function tooLarge(maxBytes: number): FhirError {
  return new FhirError(413, error('too-long', `The request body exceeds the limit of ${maxBytes} bytes`));
}
