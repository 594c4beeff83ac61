/**
 * Generators of broken JSON syntax: truncations, inserted bytes, duplicate keys, deep nesting,
 * odd numbers and encodings, each sent to one of the endpoints that parse a body.
 */
import fc from 'fast-check';
import { jsonRequest, type FuzzRequest } from './fuzz-request.js';
import { SEEDS } from './seeds.js';

const ENDPOINTS = [
  { method: 'POST', path: '/Patient' },
  { method: 'PUT', path: '/Patient/fz-put' },
  { method: 'POST', path: '/Patient/$validate' },
  { method: 'POST', path: '' },
] as const;

const seedText = fc.constantFrom(...SEEDS.map((seed) => JSON.stringify(seed)));

const truncated = seedText.chain((text) =>
  fc
    .nat({ max: text.length - 1 })
    .map((cut) => ({ label: `truncated at ${cut}`, text: text.slice(0, cut), invalid: true })),
);

const inserted = fc
  .tuple(seedText, fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }), fc.nat())
  .map(([text, piece, at]) => {
    const i = at % text.length;
    return {
      label: `inserted ${JSON.stringify(piece)} at ${i}`,
      text: text.slice(0, i) + piece + text.slice(i),
      invalid: false,
    };
  });

const duplicateKey = fc.constantFrom('gender', 'birthDate', 'resourceType', 'active').map((key) => ({
  label: `duplicate key ${key}`,
  invalid: true,
  text: `{"resourceType":"Patient","${key}":"female","gender":"male","birthDate":"2025-01-01","${key}":"female"}`,
}));

const deepNesting = fc
  .tuple(
    fc.constantFrom('[', '{"a":', '{"extension":[{"url":"http://x","extension":['),
    fc.integer({ min: 50, max: 120_000 }),
  )
  .map(([open, depth]) => {
    const close = open === '[' ? ']' : open === '{"a":' ? '}' : ']}';
    return {
      label: `nested ${depth} deep with ${open}`,
      invalid: true,
      text: `{"resourceType":"Patient","extension":[{"url":"http://x","valueString":"x"}],"x":${open.repeat(depth)}1${close.repeat(depth)}}`,
    };
  });

const oddNumbers = fc.constantFrom('1e999999', '01', '1.', '.5', 'NaN', 'Infinity', '0x10', '1_000').map((n) => ({
  label: `number ${n}`,
  invalid: true,
  text: `{"resourceType":"Observation","status":"final","code":{"text":"w"},"valueQuantity":{"value":${n}}}`,
}));

const oddStrings = fc
  .constantFrom('\\ud800', '\\udc00x', '\\u0000', '\\u001b', '   ', '\\t', 'a\\u0007b', '\\r\\n')
  .map((s) => ({
    label: `string "${s}"`,
    text: `{"resourceType":"Patient","name":[{"family":"${s}"}]}`,
    invalid: true,
  }));

const anyText = fc
  .string({ unit: 'grapheme', maxLength: 200 })
  .map((text) => ({ label: 'random text', text, invalid: false }));

const textCase = fc.oneof(truncated, inserted, duplicateKey, deepNesting, oddNumbers, oddStrings, anyText);

const textRequest = fc
  .tuple(textCase, fc.constantFrom(...ENDPOINTS))
  .map(([{ label, text, invalid }, { method, path }]) => jsonRequest(label, method, path, text, invalid));

const badBytes = fc
  .tuple(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.boolean())
  .map(([bytes, bom]): FuzzRequest => {
    const prefix = new TextEncoder().encode(`${bom ? '\ufeff' : ''}{"resourceType":"Patient","name":[{"family":"`);
    const suffix = new TextEncoder().encode('"}]}');
    const body = new Uint8Array([...prefix, ...bytes, ...suffix]);
    return jsonRequest(`raw bytes in a string${bom ? ' after a BOM' : ''}`, 'POST', '/Patient', body);
  });

/** Requests whose bodies are broken or unusual JSON text. */
export const jsonSyntaxRequests: fc.Arbitrary<FuzzRequest> = fc.oneof(
  { weight: 4, arbitrary: textRequest },
  { weight: 1, arbitrary: badBytes },
);
