import { describe, expect, it } from 'vitest';
import type { LinkedModel } from './model/link-model.js';
import { validateResource } from './validate-resource.js';
import { createWalkContext, omittedIssuesIssue, report } from './walk-context.js';

// n type errors, plus the dom-6 warning (no narrative) that every such Patient also gets.
const patientWithBadGivens = (n: number) =>
  ({ resourceType: 'Patient', name: [{ given: Array.from({ length: n }, () => 7) }] }) as unknown as fhir4.Resource;

describe('validateResource issue limit', () => {
  it('lists at most maxIssues issues and counts the rest in one error issue', () => {
    const issues = validateResource(patientWithBadGivens(100_000));
    expect(issues).toHaveLength(101);
    const last = issues.at(-1)!;
    expect(last).toMatchObject({ severity: 'error', code: 'too-costly' });
    expect(last.message).toMatch(/^99901 more issues \(99900 errors\) not listed: at most 100 issues/);
  });

  it('takes the limit from the options', () => {
    const issues = validateResource(patientWithBadGivens(50), { maxIssues: 10 });
    expect(issues).toHaveLength(11);
    expect(issues.at(-1)!.message).toMatch(/^41 more issues \(40 errors\)/);
  });

  it('adds nothing when the issues fit', () => {
    const issues = validateResource(patientWithBadGivens(3), { maxIssues: 4 });
    expect(issues).toHaveLength(4);
    expect(issues.every((i) => i.code !== 'too-costly')).toBe(true);
  });

  it('keeps an error that comes after the limit visible as an error', () => {
    const ctx = createWalkContext({} as LinkedModel, { maxIssues: 1 });
    report(ctx, { severity: 'warning', code: 'invariant', message: 'first, a warning' }, 'Patient');
    report(ctx, { code: 'structure', message: 'then an error' }, 'Patient.gender');
    expect(ctx.issues.map((i) => i.severity)).toEqual(['warning']);
    expect(ctx).toMatchObject({ omitted: 1, omittedErrors: 1, errorCount: 1 });
    expect(omittedIssuesIssue(ctx.omitted, ctx.omittedErrors, ctx.maxIssues).severity).toBe('error');
    expect(omittedIssuesIssue(3, 0, 1).severity).toBe('warning');
  });
});
