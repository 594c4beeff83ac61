import { describe, expect, it } from 'vitest';
import { FhirError } from '../fhir/outcome.js';
import { reachConditions, reachesRecord, scopeReach } from './scope-query.js';
import { parseScopes } from './scopes.js';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';

const observation = (category: string, code = '29463-7'): fhir4.Observation => ({
  resourceType: 'Observation',
  id: 'o1',
  status: 'final',
  category: [{ coding: [{ system: CATEGORY, code: category }] }],
  code: { coding: [{ system: 'http://loinc.org', code }] },
});

const reachOf = (scope: string, type = 'Observation', permission: 'r' | 's' | 'c' = 'r') =>
  scopeReach(parseScopes(scope), type, permission, NOW);

function refusal(call: () => unknown): FhirError {
  try {
    call();
  } catch (thrown) {
    if (thrown instanceof FhirError) return thrown;
    throw thrown;
  }
  throw new Error('expected a refusal');
}

describe('granular SMART v2 scopes', () => {
  it('a scope with a query grants only the records that match it', () => {
    const reach = reachOf('user/Observation.rs?category=vital-signs')!;
    expect(reach.kind).toBe('matching');
    expect(reachesRecord(reach, observation('vital-signs'))).toBe(true);
    expect(reachesRecord(reach, observation('laboratory'))).toBe(false);
    expect(reachesRecord(reach, { ...observation('x'), category: undefined } as fhir4.Observation)).toBe(false);
  });

  it('a system|code value and several parameters (AND) are held to', () => {
    const reach = reachOf(`patient/Observation.rs?category=${CATEGORY}|vital-signs&code=http://loinc.org|8302-2`)!;
    expect(reachesRecord(reach, observation('vital-signs', '8302-2'))).toBe(true);
    expect(reachesRecord(reach, observation('vital-signs', '29463-7'))).toBe(false);
    expect(reachConditions(reach)).toHaveLength(2);
  });

  it('grants nothing for a permission the scope does not name, and all for a plain scope', () => {
    expect(reachOf('user/Observation.rs?category=vital-signs', 'Observation', 'c')).toBeUndefined();
    expect(reachOf('user/Observation.rs?category=vital-signs', 'Patient')).toBeUndefined();
    expect(reachOf('user/Observation.rs user/Observation.rs?category=vital-signs')).toEqual({ kind: 'all' });
  });

  it('two scopes on one parameter become one condition with both values (OR)', () => {
    const reach = reachOf('user/Observation.rs?category=vital-signs user/Observation.rs?category=laboratory')!;
    expect(reachesRecord(reach, observation('laboratory'))).toBe(true);
    const [condition, ...rest] = reachConditions(reach);
    expect(rest).toHaveLength(0);
    expect(condition?.kind === 'param' && condition.values).toHaveLength(2);
  });

  it('two scopes on different parameters match either record but refuse a search (no OR in the IR)', () => {
    const reach = reachOf('user/Observation.rs?category=laboratory user/Observation.rs?code=8302-2')!;
    expect(reachesRecord(reach, observation('vital-signs', '8302-2'))).toBe(true);
    expect(reachesRecord(reach, observation('survey'))).toBe(false);
    expect(refusal(() => reachConditions(reach)).status).toBe(403);
  });

  it.each([
    ['a chain', 'user/Observation.rs?subject:Patient.name=Alpha', 'Observation'],
    ['_has', 'user/Patient.rs?_has:Observation:patient:code=8302-2', 'Patient'],
    ['an unknown parameter', 'user/Observation.rs?colour=red', 'Observation'],
    ['a result parameter', 'user/Observation.rs?_count=1', 'Observation'],
    ['a query on every type', 'user/*.rs?category=vital-signs', 'Observation'],
  ])('refuses with 403 a scope it cannot enforce: %s', (_, scope, type) => {
    const thrown = refusal(() => reachOf(scope, type));
    expect(thrown.status).toBe(403);
    expect(thrown.issues[0]?.message).toContain(scope);
  });
});
