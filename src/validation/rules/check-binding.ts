/**
 * Terminology bindings on coded elements: a code outside a required value set is an error, one
 * outside an extensible value set a warning; preferred and example bindings are not checked.
 * Value sets were expanded at build time, so membership is a set lookup. Value sets that cannot
 * be enumerated (SNOMED CT, LOINC, UCUM, BCP-47…) are skipped.
 * @see https://hl7.org/fhir/R4/terminologies.html#strength
 * @module
 */
import type { CompactExtras } from '../model/compiled-model.js';
import type { LinkedValueSet } from '../model/link-model.js';
import { report, type WalkContext } from '../walk-context.js';
import { pathText, type WalkPath } from '../walk-path.js';

type Binding = NonNullable<CompactExtras['b']>;

/** Checks the coded `value` of type `type` at `path` against `binding`. */
export function checkBinding(
  ctx: WalkContext,
  args: { binding: Binding; type: string; value: unknown; path: WalkPath },
): void {
  const { binding, type, value, path } = args;
  const valueSet = ctx.model.valueSets.get(binding[1]);
  if (!valueSet) return;
  if (type === 'code') {
    if (typeof value === 'string' && !valueSet.codes.has(value)) reportCode(ctx, { binding, shown: value }, path);
  } else if (type === 'Coding') {
    const coding = value as fhir4.Coding;
    if (typeof coding.code === 'string' && !hasCoding(valueSet, coding)) {
      reportCode(ctx, { binding, shown: shown(coding) }, `${pathText(path)}.code`);
    }
  } else if (type === 'CodeableConcept') {
    const codings = (value as fhir4.CodeableConcept).coding;
    // A text-only concept carries no code to check; the invariants decide whether it is allowed.
    if (!Array.isArray(codings) || codings.length === 0) return;
    if (!codings.some((c) => c && typeof c.code === 'string' && hasCoding(valueSet, c))) {
      reportCode(ctx, { binding, shown: codings.map((c) => shown(c ?? {})).join(', ') }, path);
    }
  }
}

function hasCoding(valueSet: LinkedValueSet, coding: fhir4.Coding): boolean {
  return typeof coding.system === 'string'
    ? (valueSet.bySystem.get(coding.system)?.has(coding.code!) ?? false)
    : valueSet.codes.has(coding.code!);
}

function shown(coding: fhir4.Coding): string {
  return coding.system ? `${coding.system}|${coding.code}` : String(coding.code);
}

function reportCode(ctx: WalkContext, args: { binding: Binding; shown: string }, path: WalkPath): void {
  const [strength, url] = args.binding;
  const message = `'${args.shown}' is not in the ${strength} value set ${url}`;
  report(ctx, { severity: strength === 'required' ? 'error' : 'warning', code: 'code-invalid', message }, path);
}
