/**
 * Our OperationDefinitions are valid R4 against the gateway's own validator (no error and no
 * warning but the narrative's), and list the parameters the routes read.
 */
import { describe, expect, it } from 'vitest';
import { validateResource } from '../validation/validate-resource.js';
import { CHART_INDICATORS } from './growth/chart/chart-indicators.js';
import { OPERATION_DEFINITIONS } from './operation-definitions.js';

const names = (d: fhir4.OperationDefinition, use: 'in' | 'out') =>
  (d.parameter ?? []).filter((p) => p.use === use).map((p) => p.name);

describe('OPERATION_DEFINITIONS', () => {
  it('are valid R4 OperationDefinitions by our validator', () => {
    expect([...OPERATION_DEFINITIONS.keys()]).toEqual([
      'CarePlan-worklist',
      'Patient-growth-chart',
      'PlanDefinition-apply',
    ]);
    for (const definition of OPERATION_DEFINITIONS.values()) {
      const issues = validateResource(definition).filter((i) => i.severity === 'error' || i.severity === 'warning');
      expect(issues, definition.id).toEqual([]);
    }
  });

  it('would fail the validator if broken (the check above is not vacuous)', () => {
    const worklist = OPERATION_DEFINITIONS.get('CarePlan-worklist')!;
    const broken = {
      ...worklist,
      kind: undefined,
      parameter: [{ ...worklist.parameter![0]!, use: undefined, type: undefined }],
    } as unknown as fhir4.OperationDefinition;
    const errors = validateResource(broken).filter((i) => i.severity === 'error');
    expect(errors.map((i) => i.expression?.[0])).toEqual(
      expect.arrayContaining(['OperationDefinition.kind', 'OperationDefinition.parameter[0].use']),
    );
    expect(errors.some((i) => i.message.startsWith('opd-1'))).toBe(true);
  });

  it('document every parameter', () => {
    for (const definition of OPERATION_DEFINITIONS.values())
      for (const p of [...(definition.parameter ?? []), ...(definition.parameter ?? []).flatMap((x) => x.part ?? [])])
        expect(p.documentation, `${definition.id} ${p.name}`).toMatch(/\w/);
  });

  it('name the inputs the routes read', () => {
    const get = (id: string) => OPERATION_DEFINITIONS.get(id)!;
    expect(names(get('CarePlan-worklist'), 'in')).toEqual([
      'organization',
      'practitioner',
      'kato',
      'from',
      'to',
      '_count',
      'page',
      'summary',
    ]);
    expect(names(get('PlanDefinition-apply'), 'in').sort()).toEqual(
      ['dischargeDate', 'edd', 'episode', 'lmp', 'registered', 'subject'].sort(),
    );
    const indicator = get('Patient-growth-chart').parameter?.find((p) => p.name === 'indicator');
    for (const chart of CHART_INDICATORS) expect(indicator?.documentation).toContain(chart.name);
  });
});
