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
 * Reads the body as UTF-8 text, refusing more than `maxBytes` without buffering it all first. A
 * body of a declared length within the limit is read whole with `arrayBuffer()`: the HTTP parser
 * delivers no more than the declared bytes, and on @hono/node-server this reads the socket
 * directly instead of building a Request and a web stream around it (a tenth of a create).
 */
export async function readTextWithLimit(request: Request, maxBytes: number): Promise<string> {
  const header = request.headers.get('content-length');
  const declared = header !== null && /^\d{1,15}$/.test(header) ? Number(header) : undefined;
  if (declared !== undefined && declared > maxBytes) throw tooLarge(maxBytes);
  if (declared !== undefined) {
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
    return decodeUtf8([bytes], bytes.byteLength);
  }
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return decodeUtf8(chunks, received);
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
