import { describe, expect, it } from 'vitest';
import { loadExamples } from '../../test/conformance/r4-examples.js';
import { extractIndexRows } from './extract-index.js';
import { isOneRowDateExpression } from './one-row-parameters.js';
import { searchParametersOf } from './search-parameter-registry.js';

describe('date parameters with one index row per resource', () => {
  it('are plain paths through single elements ending in date, dateTime, instant or Period', () => {
    expect(isOneRowDateExpression('Encounter.period')).toBe(true);
    expect(isOneRowDateExpression('CarePlan.period')).toBe(true);
    expect(isOneRowDateExpression('Patient.birthDate')).toBe(true);
    expect(isOneRowDateExpression('Patient.meta.lastUpdated')).toBe(true); // through the Resource base
    // A repeating step, a Timing among the choices, a union or a cast: possibly more than one row.
    expect(isOneRowDateExpression('Encounter.location.period')).toBe(false);
    expect(isOneRowDateExpression('Procedure.performed')).toBe(false);
    expect(isOneRowDateExpression('Observation.effective')).toBe(false); // dateTime | Period | Timing | instant
    expect(isOneRowDateExpression('MedicationRequest.dosageInstruction.timing')).toBe(false);
    expect(isOneRowDateExpression('CarePlan.period | CarePlan.created')).toBe(false);
    expect(isOneRowDateExpression('(RiskAssessment.occurrence as dateTime)')).toBe(false);
    expect(isOneRowDateExpression('Nothing.period')).toBe(false);
    expect(isOneRowDateExpression('Encounter.nothing')).toBe(false);
  });

  it('give at most one date row on every official R4 example', () => {
    let checked = 0;
    for (const { resource } of loadExamples()) {
      const oneRow = [...searchParametersOf(resource.resourceType).values()].filter((p) => p.oneRowPerResource);
      if (oneRow.length === 0) continue;
      const rows = extractIndexRows(resource).date;
      for (const param of oneRow) {
        const own = rows.filter((r) => r.code === param.code);
        expect(own.length, `${resource.resourceType}/${resource.id} ${param.code}`).toBeLessThanOrEqual(1);
        checked += own.length;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
