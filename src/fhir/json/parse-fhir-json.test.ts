import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FhirError } from '../outcome.js';
import { parseFhirJson } from './parse-fhir-json.js';
import { JSON_PROBLEM, scanJson } from './scan-json.js';

function rejection(text: string, maxDepth?: number): { status: number; message: string; expression?: string } {
  try {
    parseFhirJson(text, maxDepth === undefined ? {} : { maxDepth });
  } catch (e) {
    if (!(e instanceof FhirError)) throw e;
    const issue = e.issues[0]!;
    return {
      status: e.status,
      message: issue.message,
      ...(issue.expression ? { expression: issue.expression[0]! } : {}),
    };
  }
  throw new Error(`accepted: ${text.slice(0, 80)}`);
}

const nested = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth);

describe('parseFhirJson', () => {
  it('parses ordinary FHIR JSON exactly like JSON.parse', () => {
    const text = JSON.stringify({
      resourceType: 'Patient',
      name: [{ family: 'Ab\u00e9 "q" \\ / \t\n\r', given: ['😀', '\ud83d\ude00'] }],
      extension: [{ url: 'x', valueInteger: -1.5e3 }],
      active: true,
      deceasedBoolean: false,
      x: null,
      e: {},
      a: [],
    });
    expect(parseFhirJson(text)).toEqual(JSON.parse(text));
    expect(parseFhirJson(String.raw`{"a":"\u00e9\ud83d\ude00\t\n\r\"\\\/"}`)).toEqual({ a: 'é😀\t\n\r"\\/' });
  });

  it('accepts nesting up to the limit and rejects one level more, naming the limit', () => {
    expect(parseFhirJson(nested(5), { maxDepth: 5 })).toBeDefined();
    const { status, message } = rejection(nested(6), 5);
    expect(status).toBe(400);
    expect(message).toContain('limit is 5');
  });

  it('rejects 100,000 levels of nesting without overflowing the stack', () => {
    expect(rejection(nested(100_000)).message).toContain('limit is 100');
    expect(rejection(nested(100_000, '{"a":', '}')).message).toContain('limit is 100');
  });

  it('rejects a duplicate key with its location, also when escaped differently', () => {
    const text = '{"resourceType":"Patient","name":[{"given":["a"]},{"family":"x","family":"y"}]}';
    expect(rejection(text)).toMatchObject({ status: 400, expression: 'Patient.name[1].family' });
    expect(rejection(String.raw`{"ab":1,"\u0061b":2}`).expression).toBe('$this.ab');
    // The same key in sibling or nested objects is not a duplicate.
    expect(parseFhirJson('{"a":{"a":{"a":1}},"b":[{"a":1},{"a":2}]}')).toBeDefined();
  });

  it.each(['__proto__', 'constructor', 'prototype', '\\u005f_proto__'])('rejects the key %s anywhere', (key) => {
    expect(rejection(`{"resourceType":"Patient","a":[{"${key}":{"polluted":1}}]}`)).toMatchObject({ status: 400 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts those names as string values', () => {
    expect(parseFhirJson('{"a":"__proto__","b":["constructor"]}')).toEqual({ a: '__proto__', b: ['constructor'] });
  });

  it.each([
    ['a lone high surrogate', String.raw`"\ud800"`],
    ['a high surrogate followed by a non-surrogate', String.raw`"\ud800\u0041"`],
    ['a lone low surrogate', String.raw`"\udc00x"`],
    ['a raw lone surrogate', '"\ud800"'],
    ['a raw lone low surrogate', '"a\udc00"'],
  ])('rejects %s', (_name, value) => {
    const result = rejection(`{"resourceType":"Patient","name":[{"family":${value}}]}`);
    expect(result).toMatchObject({ status: 400, expression: 'Patient.name[0].family' });
    expect(result.message).toContain('surrogate');
  });

  it.each(['\\u0000', '\\u001b', '\\u001B', '\\b', '\\f', '\\u007f'.replace('7f', '1f')])(
    'rejects the escaped control character %s',
    (escape) => {
      expect(rejection(`{"a":["ok","x${escape}"]}`)).toMatchObject({ status: 400, expression: '$this.a[1]' });
    },
  );

  it('reports syntax errors as 400 without looping on malformed text', () => {
    for (const text of ['{', '}', '"abc', '{"a":"\\u12"}', '[1,]', '{"a" 1}', ']]]', '{"a":"\\', '']) {
      expect(rejection(text).status).toBe(400);
    }
  });

  it('clips attacker-sized keys in messages', () => {
    const key = 'k'.repeat(100_000);
    const { message } = rejection(`{"${key}":1,"${key}":2}`);
    expect(message.length).toBeLessThan(400);
  });
});

describe('scanJson', () => {
  it('names the kind of each problem', () => {
    expect(scanJson('[[1]]', 1)?.kind).toBe(JSON_PROBLEM.depth);
    expect(scanJson('{"a":1,"a":1}', 9)?.kind).toBe(JSON_PROBLEM.duplicateKey);
    expect(scanJson('{"constructor":1}', 9)?.kind).toBe(JSON_PROBLEM.forbiddenKey);
    expect(scanJson('["\\udfff"]', 9)?.kind).toBe(JSON_PROBLEM.loneSurrogate);
    expect(scanJson('["\\u0001"]', 9)?.kind).toBe(JSON_PROBLEM.controlCharacter);
    expect(scanJson('{"a":[1,{"b":"c, d ] }"}],"e":{}}', 3)).toBeUndefined();
  });
});

describe('scanJson against a reference over generated values', () => {
  const badString = (s: string) =>
    // eslint-disable-next-line no-control-regex -- the control characters are what is tested
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s) ||
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
  const badKey = (k: string) => badString(k) || ['__proto__', 'constructor', 'prototype'].includes(k);
  function reference(value: unknown): boolean {
    if (typeof value === 'string') return badString(value);
    if (Array.isArray(value)) return value.some(reference);
    if (value && typeof value === 'object') {
      return Object.entries(value).some(([k, v]) => badKey(k) || reference(v));
    }
    return false;
  }

  it('accepts exactly the values with no FHIR-forbidden string or key, and parses them unchanged', () => {
    // 'binary' units never split a pair; mix in raw UTF-16 units for lone surrogates.
    const rawUnit = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
    const unit = fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), rawUnit);
    const strings = fc.string({ unit, maxLength: 6 });
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6, stringUnit: 'binary' }), strings, (value, extraKey) => {
        const withKey = { [extraKey]: value, b: [value] };
        const text = JSON.stringify(withKey, null, value === null ? 0 : 1);
        const problem = scanJson(text, 100);
        expect(problem !== undefined).toBe(badKey(extraKey) || reference(value));
        if (!problem) expect(parseFhirJson(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });
});
