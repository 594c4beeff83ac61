import { describe, expect, it } from 'vitest';
import { FhirError } from '../fhir/outcome.js';
import { readTextWithLimit } from './fhir-body.js';

function post(body: string, contentLength?: string): Request {
  const headers: Record<string, string> = { 'content-type': 'application/fhir+json' };
  if (contentLength !== undefined) headers['content-length'] = contentLength;
  return new Request('http://x/fhir/Patient', { method: 'POST', headers, body });
}

async function statusOf(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error instanceof FhirError ? error.status : -1;
  }
}

describe('readTextWithLimit', () => {
  it('reads a body of a declared length whole, and one without a length as a stream', async () => {
    expect(await readTextWithLimit(post('{"a":"é"}', '11'), 100)).toBe('{"a":"é"}');
    expect(await readTextWithLimit(post('{"a":"é"}'), 100)).toBe('{"a":"é"}');
  });

  it('refuses a declared length over the limit, and a body longer than the limit whatever it declared', async () => {
    expect(await statusOf(readTextWithLimit(post('x'.repeat(50), '50'), 10))).toBe(413);
    expect(await statusOf(readTextWithLimit(post('x'.repeat(50), '5'), 10))).toBe(413);
    expect(await statusOf(readTextWithLimit(post('x'.repeat(50)), 10))).toBe(413);
  });

  it('answers 400 for bytes that are not UTF-8 on both paths', async () => {
    const bad = new Uint8Array([0x7b, 0xff, 0x7d]);
    const request = (length?: string) =>
      new Request('http://x/', { method: 'POST', body: bad, headers: length ? { 'content-length': length } : {} });
    expect(await statusOf(readTextWithLimit(request('3'), 100))).toBe(400);
    expect(await statusOf(readTextWithLimit(request(), 100))).toBe(400);
  });
});
