/**
 * Invariants (ElementDefinition.constraint), compiled once at start-up into the fastest form that
 * handles them: a native check (native-invariants.ts), a closure over the FHIRPath subset
 * (../fhirpath-lite/), or fhirpath.js (`fhirpath/fhir-context/r4`) for everything else. The fast
 * forms may abstain at run time (undefined, or an UnsupportedFhirPath), and then fhirpath.js
 * decides. Evaluated with the node or element as context and `%resource` / `%rootResource` set.
 * @see https://hl7.org/fhir/R4/conformance-rules.html#constraints
 * @module
 */
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4';
import { asBoolean, compileAst, type Compiled } from '../fhirpath-lite/compile-fhirpath.js';
import { UnsupportedFhirPath, parseFhirPath } from '../fhirpath-lite/parse-fhirpath.js';
import type { CompactConstraint } from '../model/compiled-model.js';
import { NATIVE_INVARIANTS, type InvariantEnv } from './native-invariants.js';
import { NARRATIVE_INVARIANTS } from './narrative-invariants.js';
import { RESOLVE_INVARIANTS } from './resolve-invariants.js';

/** A compiled invariant bound to its FHIRPath base. */
export interface LinkedInvariant {
  readonly key: string;
  readonly severity: 'error' | 'warning';
  readonly human: string;
  /** The FHIRPath text (invariants that share it, such as txt-1 and txt-2, share one evaluation). */
  readonly expression: string;
  /** fhirpath.js evaluation: true unless the expression yields `false`. */
  readonly fhirpath: (value: unknown, env: InvariantEnv) => boolean;
  /** Native or subset evaluation; undefined when it abstains. */
  readonly fast: ((value: unknown, env: InvariantEnv) => boolean | undefined) | undefined;
}

const NO_TRACE = { traceFn: () => undefined };

/** Compiles one invariant for `base` (a FHIR path such as `Patient.contact`). */
export function compileInvariant(key: string, base: string, constraint: CompactConstraint): LinkedInvariant {
  const [severity, human, expression] = constraint;
  const compile = () => fhirpath.compile({ base, expression }, r4, NO_TRACE) as unknown as FhirPathFunction;
  const fast = nativeForm(key) ?? compileSubset(expression);
  // Without a fast form every evaluation needs fhirpath.js: compile it with the node. A fast form
  // decides nearly always (dom-2…6, ext-1, ref-1 and the IIN/BIN checks always), so its fallback
  // is compiled on the first abstention, once per process (decision 017: compiling ~1,000
  // fallbacks for every R4 type took 0.5 s).
  let compiled = fast ? undefined : compile();
  const evaluate = (value: unknown, env: InvariantEnv): boolean => {
    const result = (compiled ??= compile())(value, env);
    // An empty result is not a violation: the expression had nothing to decide on.
    return !(result.length === 1 && result[0] === false);
  };
  return { key, severity, human, expression, fhirpath: evaluate, fast };
}

/** Tables of hand-compiled invariants, looked up by key in order. */
const NATIVE_TABLES = [NATIVE_INVARIANTS, RESOLVE_INVARIANTS, NARRATIVE_INVARIANTS];

function nativeForm(key: string): LinkedInvariant['fast'] {
  for (const table of NATIVE_TABLES) if (Object.hasOwn(table, key)) return table[key];
  return undefined;
}

type FhirPathFunction = (value: unknown, env: InvariantEnv) => unknown[];

function compileSubset(expression: string): LinkedInvariant['fast'] {
  let closure: Compiled;
  try {
    closure = compileAst(parseFhirPath(expression));
  } catch (err) {
    if (err instanceof UnsupportedFhirPath) return undefined;
    throw err;
  }
  return (value, env) => {
    try {
      return (
        asBoolean(closure({ focus: [value], self: value, vars: env as unknown as Record<string, unknown> })) !== false
      );
    } catch (err) {
      if (err instanceof UnsupportedFhirPath) return undefined;
      throw err;
    }
  };
}

/** Evaluates `invariant`: true when it holds, false when violated; throws only if fhirpath.js does. */
export function evaluateInvariant(invariant: LinkedInvariant, value: unknown, env: InvariantEnv): boolean {
  return invariant.fast?.(value, env) ?? invariant.fhirpath(value, env);
}
