import { describe, expect, it } from 'vitest';
import { R4_PRIMITIVES } from '../../generated/r4/primitives.js';
import type { CompactNode, CompactSlice, CompactSlicing } from '../model/compiled-model.js';
import { linkModel } from '../model/link-model.js';
import { createWalkContext } from '../walk-context.js';
import { walkProfileNode } from './walk-profile.js';

const URL = 'http://example.org/StructureDefinition/test';
const IDENTIFIER_A = `${URL}#Patient.identifier:a`;

/** A profile with `identifier` sliced by `slices` under `rules`; slice a's children have their own rules. */
function run(slicing: Omit<CompactSlicing, 'sl'> & { sl: CompactSlice[] }, patient: Record<string, unknown>) {
  const nodes: Record<string, CompactNode> = {
    [URL]: { k: 'r', u: URL, e: [['identifier', 0, -1, 1, 'Identifier', { s: slicing }]] },
    [IDENTIFIER_A]: { k: 'b', e: [['value', 1, -1, 0, 'string', { c: undefined } as never]] },
    'http://example.org/StructureDefinition/other-id': {
      k: 'c',
      u: 'http://example.org/other-id',
      e: [['use', 1, -1, 0, 'code', { f: 'old' }]],
    },
  };
  const model = linkModel({ nodes, primitives: R4_PRIMITIVES, resourceTypes: ['Patient'] });
  const ctx = createWalkContext(model);
  walkProfileNode(ctx, model.nodes.get(URL)!, patient, 'Patient');
  return ctx.issues.map((i) => [i.code, i.expression?.[0], i.message]);
}

const a: CompactSlice = { n: 'a', min: 1, max: 1, node: IDENTIFIER_A, d: [['system', 'f', 'http://a']] };
const b: CompactSlice = { n: 'b', min: 0, max: -1, d: [['type', 'p', { coding: [{ code: 'B' }] }]] };
const idA = { system: 'http://a', value: '1' };
const idB = { type: { coding: [{ system: 'http://s', code: 'B' }], text: 'b' }, value: '2' };
const other = { system: 'http://other', value: '3' };

describe('slicing', () => {
  it('matches by fixed value and by pattern, and counts slices', () => {
    expect(run({ r: 'open', sl: [a, b] }, { identifier: [idA, idB, idB] })).toEqual([]);
    expect(run({ r: 'open', sl: [a, b] }, { identifier: [idB] })).toEqual([
      ['required', 'Patient.identifier', "Slice 'a' needs at least 1 item(s), found 0"],
    ]);
    expect(run({ r: 'open', sl: [a, b] }, { identifier: [idA, idA] })).toEqual([
      ['structure', 'Patient.identifier', "Slice 'a' allows at most 1 item(s), found 2"],
    ]);
  });

  it("validates a matched item against its slice's own constraints", () => {
    const issues = run({ r: 'open', sl: [a] }, { identifier: [{ system: 'http://a' }] });
    expect(issues).toEqual([['required', 'Patient.identifier[0].value', "'value' needs at least 1 item(s)"]]);
  });

  it('rejects unmatched items when closed, and unmatched items before slices when openAtEnd', () => {
    expect(run({ r: 'closed', sl: [a] }, { identifier: [idA, other] }).map((i) => i[1])).toEqual([
      'Patient.identifier[1]',
    ]);
    expect(run({ r: 'open', sl: [a] }, { identifier: [idA, other] })).toEqual([]);
    expect(run({ r: 'openAtEnd', sl: [a] }, { identifier: [idA, other] })).toEqual([]);
    expect(run({ r: 'openAtEnd', sl: [a] }, { identifier: [other, idA] }).map((i) => i[1])).toEqual([
      'Patient.identifier[1]',
    ]);
  });

  it('checks the order of slices when ordered', () => {
    expect(run({ r: 'open', o: 1, sl: [a, b] }, { identifier: [idA, idB] })).toEqual([]);
    expect(run({ r: 'open', o: 1, sl: [a, b] }, { identifier: [idB, idA] }).map((i) => i[1])).toEqual([
      'Patient.identifier[1]',
    ]);
  });

  it('matches by exists, by type and by profile', () => {
    const withPeriod: CompactSlice = { n: 'p', min: 1, max: 1, d: [['period', 'e', true]] };
    expect(run({ r: 'closed', sl: [withPeriod] }, { identifier: [{ value: 'x', period: { start: '2024' } }] })).toEqual(
      [],
    );
    expect(run({ r: 'closed', sl: [withPeriod] }, { identifier: [{ value: 'x' }] }).length).toBe(2);
    const typed: CompactSlice = { n: 't', min: 1, max: 1, d: [['$this', 't', ['Identifier']]] };
    expect(run({ r: 'closed', sl: [typed] }, { identifier: [other] })).toEqual([]);
    const profiled: CompactSlice = {
      n: 'pr',
      min: 1,
      max: 1,
      d: [['$this', 'pr', ['http://example.org/StructureDefinition/other-id']]],
    };
    expect(run({ r: 'closed', sl: [profiled] }, { identifier: [{ ...other, use: 'old' }] })).toEqual([]);
    expect(run({ r: 'closed', sl: [profiled] }, { identifier: [{ ...other, use: 'usual' }] }).map((i) => i[0])).toEqual(
      ['structure', 'required'],
    );
  });
});
