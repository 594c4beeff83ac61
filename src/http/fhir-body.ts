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

/** Throws 415 unless `header` names a JSON media type FHIR accepts. */
export function assertJsonContentType(header: string | null): void {
  const mediaType = header?.split(';')[0]?.trim().toLowerCase();
  if (mediaType && ACCEPTED_MEDIA_TYPES.has(mediaType)) return;
  const got = mediaType ? `'${mediaType}'` : 'no Content-Type';
  throw new FhirError(415, error('not-supported', `Expected Content-Type application/fhir+json, got ${got}`));
}

/**
/**
 * How much of an oversized body is still read and thrown away, as a multiple of the limit, so
 * the client (still sending) gets the 413 on a connection that stays usable; past this the
 * connection is closed instead.
 */
const DRAIN_FACTOR = 4;

/**
 * Reads the body as UTF-8 text, refusing more than `maxBytes` without buffering it all first. A
 * body of a declared length within the limit is read whole with `arrayBuffer()`: the HTTP parser
 * delivers no more than the declared bytes, and on @hono/node-server this reads the socket
 * directly instead of building a Request and a web stream around it (a tenth of a create).
 */
export async function readTextWithLimit(request: Request, maxBytes: number): Promise<string> {
  const header = request.headers.get('content-length');
  const declared = header !== null && /^\d{1,15}$/.test(header) ? Number(header) : undefined;
  if (declared !== undefined && declared <= maxBytes) {
    const bytes = await readWhole(request);
    if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
    return decodeUtf8([bytes], bytes.byteLength);
  }
  if (!request.body) {
    if (declared !== undefined) throw tooLarge(maxBytes);
    return '';
  }
  const reader = request.body.getReader();
  if (declared !== undefined) {
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

/** The whole body of a declared length; a body the client broke off is a 400. */
async function readWhole(request: Request): Promise<Uint8Array> {
  try {
    return new Uint8Array(await request.arrayBuffer());
  } catch {
    throw badRequest('The request body could not be read to its end', undefined, 'incomplete');
  }
}

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
  const bytes = chunks.length === 1 ? chunks[0]! : new Uint8Array(length);
  let offset = 0;
  if (chunks.length !== 1) {
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
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
