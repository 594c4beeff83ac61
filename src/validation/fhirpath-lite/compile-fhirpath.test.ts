import { describe, expect, it } from 'vitest';
import { compileAst } from './compile-fhirpath.js';
import { UnsupportedFhirPath, parseFhirPath } from './parse-fhirpath.js';

function run(expression: string, focus: unknown, vars: Record<string, unknown> = {}): unknown[] {
  return compileAst(parseFhirPath(expression))({ focus: [focus], self: focus, vars });
}

describe('FHIRPath subset', () => {
  const obs = {
    status: 'final',
    valueQuantity: { value: 3 },
    component: [{ code: { text: 'a' } }, { code: { text: 'b' } }],
  };

  it('navigates paths, flattens arrays and resolves choice elements by prefix', () => {
    expect(run('component.code.text', obs)).toEqual(['a', 'b']);
    expect(run('value.exists()', obs)).toEqual([true]);
    expect(run('value.value', obs)).toEqual([3]);
    expect(run('dataAbsentReason.empty() or value.empty()', obs)).toEqual([true]);
  });

  it('uses three-valued logic for and, or and implies', () => {
    expect(run('missing and true', obs)).toEqual([]);
    expect(run('missing or true', obs)).toEqual([true]);
    expect(run("status = 'draft' implies missing.exists()", obs)).toEqual([true]);
    expect(run("status = 'final' implies missing.exists()", obs)).toEqual([false]);
  });

  it('evaluates criteria with $this and reads % variables', () => {
    expect(run("component.where(code.text = 'b').count()", obs)).toEqual([1]);
    expect(run('component.all(code.exists())', obs)).toEqual([true]);
    expect(run('%resource.status', {}, { resource: obs })).toEqual(['final']);
    expect(run("status in ('final' | 'amended')", obs)).toEqual([true]);
  });

  it('rejects syntax outside the subset so the caller can fall back to fhirpath.js', () => {
    for (const e of ['answer is boolean', 'value as Quantity', '-1 < 0', 'children()', 'a.b(']) {
      expect(() => compileAst(parseFhirPath(e)), e).toThrow(UnsupportedFhirPath);
    }
  });

  it('defers ordering of strings (dates need precision rules) at run time', () => {
    expect(() => run('start <= end', { start: '2024', end: '2024-01-01' })).toThrow(UnsupportedFhirPath);
  });
});
