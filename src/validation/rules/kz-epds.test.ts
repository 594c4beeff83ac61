import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROFILE_CONSTRAINTS } from '../../generated/profiles/profile-model.js';
import { compileInvariant } from './invariants.js';

type Json = Record<string, unknown>;

const EPDS = JSON.parse(
  readFileSync(
    new URL('../../../profiles/fsh-generated/resources/QuestionnaireResponse-epds-ainur.json', import.meta.url),
    'utf8',
  ),
) as { item: Json[] };

describe('kz-epds-1 native form', () => {
  const invariant = compileInvariant('kz-epds-1', 'QuestionnaireResponse', PROFILE_CONSTRAINTS['kz-epds-1']!);
  const cases: [string, (r: { item: Json[] }) => void, boolean][] = [
    ['the guide example', () => undefined, true],
    ['nine items', (r) => r.item.pop(), false],
    ['eleven items', (r) => r.item.push({ linkId: '11', answer: [{ valueInteger: 0 }] }), false],
    ['a duplicated linkId', (r) => (r.item[9]!.linkId = '1'), false],
    ['a linkId outside 1-10', (r) => (r.item[9]!.linkId = '0'), false],
    ['a score of 4', (r) => (r.item[2]!.answer = [{ valueInteger: 4 }]), false],
    ['a score of -1', (r) => (r.item[2]!.answer = [{ valueInteger: -1 }]), false],
    ['a decimal score', (r) => (r.item[2]!.answer = [{ valueDecimal: 2 }]), false],
    ['a string score', (r) => (r.item[2]!.answer = [{ valueString: '2' }]), false],
    ['two answers', (r) => (r.item[2]!.answer = [{ valueInteger: 1 }, { valueInteger: 2 }]), false],
    ['no answer', (r) => delete r.item[2]!.answer, false],
    ['no linkId', (r) => delete r.item[2]!.linkId, false],
    ['no items', (r) => (r.item = undefined as never), false],
  ];
  it.each(cases)('%s: native and fhirpath.js agree', (_, change, expected) => {
    const response = structuredClone(EPDS);
    change(response);
    const env = { resource: response, rootResource: response };
    expect(invariant.fast!(response, env)).toBe(expected);
    // fhirpath.js throws on `>=` over two answers (a singleton is required); natively that is a violation.
    let viaFhirpath: boolean | 'throws';
    try {
      viaFhirpath = invariant.fhirpath(response, env);
    } catch {
      viaFhirpath = 'throws';
    }
    expect(viaFhirpath === 'throws' ? false : viaFhirpath).toBe(expected);
  });
});
