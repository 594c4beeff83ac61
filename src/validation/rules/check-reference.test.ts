import { describe, expect, it } from 'vitest';
import { LITERAL, relativeReferenceType } from './check-reference.js';

/** Every string of up to `length` pieces from `pieces`. */
function* strings(pieces: readonly string[], length: number, prefix = ''): Generator<string> {
  yield prefix;
  if (length === 0) return;
  for (const piece of pieces) yield* strings(pieces, length - 1, prefix + piece);
}

describe('relativeReferenceType', () => {
  it('reads the type of Type/id and Type/id/_history/vid', () => {
    expect(relativeReferenceType('Patient/1')).toBe('Patient');
    expect(relativeReferenceType('Organization/polyclinic-3')).toBe('Organization');
    expect(relativeReferenceType('Observation/a.b/_history/2')).toBe('Observation');
    expect(relativeReferenceType(`Patient/${'a'.repeat(64)}`)).toBe('Patient');
  });

  it('leaves every other reference to the general pattern', () => {
    for (const reference of [
      'https://example.org/fhir/Patient/1',
      'patient/1',
      'P/1',
      'Patient/',
      'Patient/1/',
      `Patient/${'a'.repeat(65)}`,
      'Patient/1/_history/',
      'Patient/1/_history/2/3',
      'Patient/1 ',
      '#p1',
    ]) {
      expect(relativeReferenceType(reference), reference).toBeUndefined();
    }
  });

  it('agrees with the general pattern on every reference it reads', () => {
    const pieces = ['P', 'a', 'Z', '1', '-', '.', '/', '_history', '/_history/', ':', ' ', 'é'];
    let read = 0;
    for (const reference of strings(pieces, 5)) {
      const type = relativeReferenceType(reference);
      const expected = /^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/.test(reference)
        ? LITERAL.exec(reference)?.[1]
        : undefined;
      expect(type, reference).toBe(expected);
      if (type !== undefined) read++;
    }
    expect(read).toBeGreaterThan(100);
  });
});
