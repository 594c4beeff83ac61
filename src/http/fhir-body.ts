/**
 * Reading a FHIR JSON request body: content type, size limit and JSON syntax, each failure a
 * 4xx OperationOutcome.
 * @see https://hl7.org/fhir/R4/http.html#mime-type
 * @module
 */
import { FhirError, badRequest, error } from '../fhir/outcome.js';

const ACCEPTED_MEDIA_TYPES = new Set(['application/fhir+json', 'application/json', 'application/json+fhir']);

/** Reads and parses the body of `request`; throws 415, 413 or 400 as a {@link FhirError}. */
export async function readFhirJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  assertJsonContentType(request.headers.get('content-type'));
  const text = await readTextWithLimit(request, maxBytes);
  if (text.trim() === '')
    throw badRequest('The request body is empty; a FHIR resource was expected', undefined, 'required');
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw badRequest(`The request body is not valid JSON: ${detail}`, undefined, 'structure');
  }
}

function assertJsonContentType(header: string | null): void {
  const mediaType = header?.split(';')[0]?.trim().toLowerCase();
  if (mediaType && ACCEPTED_MEDIA_TYPES.has(mediaType)) return;
  const got = mediaType ? `'${mediaType}'` : 'no Content-Type';
  throw new FhirError(415, error('not-supported', `Expected Content-Type application/fhir+json, got ${got}`));
}

/** Reads the body as UTF-8 text, refusing more than `maxBytes` without buffering it all first. */
async function readTextWithLimit(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
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
