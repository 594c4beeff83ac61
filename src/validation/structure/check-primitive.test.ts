import { describe, expect, it } from 'vitest';
import { validateResource } from '../validate-resource.js';

const errorsAt = (resource: unknown) =>
  validateResource(resource as fhir4.Resource)
    .filter((issue) => issue.severity === 'error')
    .map((issue) => `${issue.expression?.[0]}: ${issue.message}`);

describe('FHIR string rules', () => {
  it.each([
    ['NUL', 'a\u0000b', 'U+0000'],
    ['ESC', '\u001b[31m', 'U+001B'],
    ['a vertical tab', 'a\u000bb', 'U+000B'],
    ['a lone high surrogate', 'a\ud800', 'U+D800'],
    ['a lone low surrogate', '\udc00b', 'U+DC00'],
    ['whitespace only', ' \t\r\n ', 'whitespace only'],
  ])('reports %s in a string at its expression', (_name, family, fragment) => {
    const errors = errorsAt({ resourceType: 'Patient', name: [{ family }] });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Patient\.name\[0\]\.family: /);
    expect(errors[0]).toContain(fragment);
  });

  it('applies to markdown and other string types too', () => {
    const contact = {
      resourceType: 'Patient',
      contact: [{ name: { text: '\u0007' }, telecom: [{ system: 'phone', value: '1' }] }],
    };
    expect(errorsAt(contact)).toEqual([expect.stringMatching(/^Patient\.contact\[0\]\.name\.text: .*U\+0007/)]);
    const note = { resourceType: 'Observation', status: 'final', code: { text: 'x' }, note: [{ text: '   ' }] };
    expect(errorsAt(note)[0]).toMatch(/^Observation\.note\[0\]\.text: /);
  });

  it('accepts tab, CR, LF, surrogate pairs and non-breaking spaces as content', () => {
    expect(errorsAt({ resourceType: 'Patient', name: [{ text: 'a\tb\r\nc 😀', family: '\u00a0' }] })).toEqual([]);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'reports an element named %s as unknown, and an extension with that url as an ordinary extension',
    (name) => {
      const resource = JSON.parse(`{"resourceType":"Patient","${name}":1}`) as unknown;
      expect(errorsAt(resource)).toEqual([`Patient.${name}: Unknown element '${name}' in Patient`]);
      expect(errorsAt({ resourceType: 'Patient', extension: [{ url: name, valueString: 'x' }] })).toEqual([]);
    },
  );
});
