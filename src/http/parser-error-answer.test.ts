import { describe, expect, it } from 'vitest';
import { isRequestLineTooLong, parserFailureVerdict, toRawHttpAnswer } from './parser-error-answer.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('parserFailureVerdict', () => {
  it('answers 414 when the request line alone overflows the header limit', () => {
    const raw = bytes(`GET /fhir/Patient?name=${'a'.repeat(100)}`);
    expect(parserFailureVerdict({ code: 'HPE_HEADER_OVERFLOW', rawPacket: raw }, 64).status).toBe(414);
  });
  it('answers 431 when the headers overflow after a short request line', () => {
    const raw = bytes(`GET /fhir/metadata HTTP/1.1\r\nX-Big: ${'a'.repeat(100)}`);
    expect(parserFailureVerdict({ code: 'HPE_HEADER_OVERFLOW', rawPacket: raw }, 64).status).toBe(431);
  });
  it('answers 400 for unknown parser codes and 413 for chunk extensions over the limit', () => {
    expect(parserFailureVerdict({ code: 'HPE_SOMETHING_NEW' }, 64).status).toBe(400);
    expect(parserFailureVerdict({}, 64).status).toBe(400);
    expect(parserFailureVerdict({ code: 'HPE_CHUNK_EXTENSIONS_OVERFLOW' }, 64).status).toBe(413);
  });
});

describe('isRequestLineTooLong', () => {
  it('needs the bytes to start with a method', () => {
    expect(isRequestLineTooLong(bytes('a'.repeat(200)), 64)).toBe(false);
    expect(isRequestLineTooLong(undefined, 64)).toBe(false);
  });
});

describe('toRawHttpAnswer', () => {
  it('writes a complete message whose Content-Length counts the body bytes', () => {
    const raw = toRawHttpAnswer(parserFailureVerdict({ code: 'HPE_INVALID_METHOD' }, 64));
    const [head, body] = raw.split('\r\n\r\n') as [string, string];
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(head).toContain('Connection: close');
    expect(head).toContain(`Content-Length: ${bytes(body).byteLength}`);
    expect(JSON.parse(body)).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error' }] });
  });
});
