/**
 * Native forms of the R4 invariants that call `resolve()`, which fhirpath.js evaluates only
 * asynchronously (and so not at all in this synchronous validator). They resolve what a validator
 * without a server can: a reference to a resource contained in the same root resource. A reference
 * that does not resolve makes the condition hold, as `resolve().iif(empty(), true, …)` says.
 * @see https://hl7.org/fhir/R4/fhirpath.html#functions
 * @module
 */
import type { InvariantEnv, NativeInvariant } from './native-invariants.js';

type Json = Record<string, unknown>;

/** The type of the resource contained in `%rootResource` that `reference` (`#id`) names. */
function containedTypeOf(reference: unknown, env: InvariantEnv): string | undefined {
  if (typeof reference !== 'string' || !reference.startsWith('#')) return undefined;
  const list = (env.rootResource as Json | undefined)?.contained;
  if (!Array.isArray(list)) return undefined;
  const target = list.find((c) => (c as Json | null)?.id === reference.slice(1)) as Json | undefined;
  return typeof target?.resourceType === 'string' ? target.resourceType : undefined;
}

/** Invariants by key. */
export const RESOLVE_INVARIANTS: Readonly<Record<string, NativeInvariant>> = {
  // ctm-1: onBehalfOf.exists() implies (member.resolve().iif(empty(), true, ofType(Practitioner).exists()))
  'ctm-1': (value, env) => {
    const participant = value as Json;
    if (participant.onBehalfOf === undefined) return true;
    const type = containedTypeOf((participant.member as Json | undefined)?.reference, env);
    return type === undefined || type === 'Practitioner';
  },
};
