import { describe, expect, it } from 'vitest';
import { displayIn, findConcept, isSelfOrDescendant } from './code-system-concepts.js';

const CS: fhir4.CodeSystem = {
  resourceType: 'CodeSystem',
  status: 'draft',
  content: 'complete',
  caseSensitive: false,
  concept: [{ code: 'Top', concept: [{ code: 'leaf' }] }],
};

describe('code system concepts', () => {
  it('finds nested concepts with their parent, ignoring case where the system says so', () => {
    expect(findConcept(CS, 'LEAF')?.parent).toBe('Top');
    expect(findConcept({ ...CS, caseSensitive: true }, 'LEAF')).toBeUndefined();
    expect(isSelfOrDescendant(CS, 'leaf', 'Top')).toBe(true);
    expect(isSelfOrDescendant(CS, 'Top', 'leaf')).toBe(false);
  });

  it('displays in a language from the designations, a region tag matching its language', () => {
    const concept = { display: 'Fever', designation: [{ language: 'ru-KZ', value: 'Лихорадка' }] };
    expect(displayIn(concept, 'ru')).toBe('Лихорадка');
    expect(displayIn({ ...concept, designation: [{ language: 'ru', value: 'Лихорадка' }] }, 'ru-KZ')).toBe('Лихорадка');
    const both = [
      { language: 'en', value: 'Fever (en)' },
      { language: 'en-GB', value: 'Fever (en-GB)' },
    ];
    expect(displayIn({ designation: both }, 'en-GB')).toBe('Fever (en-GB)');
    expect(displayIn(concept, 'kk')).toBe('Fever');
    expect(displayIn(concept, undefined)).toBe('Fever');
  });
});
