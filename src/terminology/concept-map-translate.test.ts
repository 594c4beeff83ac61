import { describe, expect, it } from 'vitest';
import { igResources } from '../ig/ig-resources.js';
import { translateCode } from './concept-map-translate.js';

const SRC = 'urn:test:source';
const DST = 'urn:test:target';
const OTHER = 'urn:test:other';

const MAP: fhir4.ConceptMap = {
  resourceType: 'ConceptMap',
  status: 'draft',
  url: 'urn:test:map',
  targetUri: 'urn:test:target-vs',
  group: [
    {
      source: SRC,
      target: DST,
      element: [
        { code: 'a', display: 'A', target: [{ code: 'x', display: 'X', equivalence: 'equivalent' }] },
        { code: 'b', target: [{ code: 'wide', equivalence: 'wider' }] },
        { code: 'c', target: [{ code: 'wide', equivalence: 'wider' }] },
        { code: 'n', target: [{ equivalence: 'unmatched' }] },
        { code: 'd', target: [{ code: 'never', equivalence: 'disjoint' }] },
      ],
    },
    { source: SRC, target: OTHER, element: [{ code: 'a', target: [{ code: 'o', equivalence: 'relatedto' }] }] },
  ],
};

describe('translateCode', () => {
  it('finds the targets of a code in every group of its source system', () => {
    const found = translateCode([MAP], { system: SRC, code: 'a' });
    expect(found).toEqual([
      { equivalence: 'equivalent', system: DST, code: 'x', display: 'X', conceptMap: 'urn:test:map' },
      { equivalence: 'relatedto', system: OTHER, code: 'o', conceptMap: 'urn:test:map' },
    ]);
  });

  it('restricts to a target system or to the target value set of the map', () => {
    expect(translateCode([MAP], { code: 'a', target: OTHER }).map((m) => m.code)).toEqual(['o']);
    expect(translateCode([MAP], { code: 'a', target: 'urn:test:target-vs|1.0' }).map((m) => m.code)).toEqual([
      'x',
      'o',
    ]);
    expect(translateCode([MAP], { code: 'a', target: 'urn:test:elsewhere' })).toEqual([]);
  });

  it('finds nothing for another source system or an unknown code', () => {
    expect(translateCode([MAP], { system: OTHER, code: 'a' })).toEqual([]);
    expect(translateCode([MAP], { system: SRC, code: 'zzz' })).toEqual([]);
  });

  it('does not count an unmatched target as a match but keeps a disjoint one', () => {
    expect(translateCode([MAP], { code: 'n' })).toEqual([]);
    expect(translateCode([MAP], { code: 'd' }).map((m) => m.equivalence)).toEqual(['disjoint']);
  });

  it('maps backwards with reverse, giving every source code and the reversed equivalence', () => {
    const found = translateCode([MAP], { system: DST, code: 'wide', reverse: true });
    expect(found.map((m) => [m.system, m.code, m.equivalence])).toEqual([
      [SRC, 'b', 'narrower'],
      [SRC, 'c', 'narrower'],
    ]);
    expect(translateCode([MAP], { system: DST, code: 'x', reverse: true })[0]).toEqual({
      equivalence: 'equivalent',
      system: SRC,
      code: 'a',
      display: 'A',
      conceptMap: 'urn:test:map',
    });
  });

  it('answers from the unmapped rule of a group that does not list the code', () => {
    const listed = [{ code: 'listed', target: [{ code: 'l', equivalence: 'equal' as const }] }];
    const provided: fhir4.ConceptMap = {
      ...MAP,
      group: [{ source: SRC, target: DST, element: listed, unmapped: { mode: 'provided' } }],
    };
    const fixed: fhir4.ConceptMap = {
      ...MAP,
      group: [
        { source: SRC, target: DST, element: listed, unmapped: { mode: 'fixed', code: 'other', display: 'Other' } },
      ],
    };
    expect(translateCode([provided], { code: 'q' }).map((m) => [m.code, m.equivalence])).toEqual([['q', 'equal']]);
    expect(translateCode([fixed], { code: 'q' }).map((m) => m.code)).toEqual(['other']);
  });
});

describe('translateCode over the guide', () => {
  const maps = igResources().flatMap((r) => (r.resourceType === 'ConceptMap' ? [r] : []));

  it('translates every element of every guide map to its listed targets and back', () => {
    expect(maps.length).toBeGreaterThan(0);
    for (const map of maps) {
      for (const group of map.group ?? []) {
        for (const element of group.element ?? []) {
          const code = element.code ?? '';
          const found = translateCode([map], { system: group.source, code, target: group.target });
          const listed = (element.target ?? []).filter((t) => t.code !== undefined).map((t) => t.code);
          expect(
            found.map((m) => m.code),
            `${map.url} ${code}`,
          ).toEqual(listed);
          for (const m of found) {
            const back = translateCode([map], { system: m.system, code: m.code, reverse: true });
            expect(
              back.map((b) => b.code),
              `${map.url} ${m.code} reversed`,
            ).toContain(code);
          }
        }
      }
    }
  });
});
