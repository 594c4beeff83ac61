/**
 * The search parameters this server supports, read from the generated R4 registry, with their
 * expressions compiled once per process (on first use of a type) and never per request: plain
 * element paths by the fast walker of simple-path.ts, the rest by fhirpath.js. The CapabilityStatement is generated from the same list.
 * @see https://hl7.org/fhir/R4/searchparameter-registry.html
 * @module
 */
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4';
import { SEARCH_PARAMETERS } from '../generated/search/search-parameters.js';
import { GATEWAY_SEARCH_PARAMETERS } from './gateway-search-parameters.js';
import type { SearchParameterDefinition, SearchParamType } from './search-parameter-definition.js';
import { isOneRowDateExpression } from './one-row-parameters.js';
import { compileSimplePath } from './simple-path.js';

/** A value produced by a compiled expression: the raw JSON and its FHIR type when known. */
export interface PathValue {
  data: unknown;
  fhirType: string | null;
}

/** A supported search parameter of one resource type, ready to evaluate. */
export interface SearchParameter {
  resourceType: string;
  code: string;
  type: SearchParamType;
  expression: string;
  target: readonly string[];
  modifiers: readonly string[];
  /** The definition's canonical URL when it is the gateway's own (R4's are implied by the code). */
  url?: string;
  /** A resource has at most one index row of this parameter (one-row-parameters.ts). */
  oneRowPerResource: boolean;
  evaluate(resource: fhir4.Resource): readonly PathValue[];
}

interface FhirPathNode {
  data: unknown;
  fhirNodeDataType: string | null;
}

const byType = new Map<string, Map<string, SearchParameter>>();

/** All parameters of `resourceType`, including the resource-level ones (`_id`, `_tag`, …). */
export function searchParametersOf(resourceType: string): ReadonlyMap<string, SearchParameter> {
  let params = byType.get(resourceType);
  if (!params) {
    params = new Map();
    // Own keys only: a type named like an Object.prototype member has no parameters of its own.
    const own = Object.hasOwn(SEARCH_PARAMETERS, resourceType) ? SEARCH_PARAMETERS[resourceType] : undefined;
    const gateway = Object.hasOwn(GATEWAY_SEARCH_PARAMETERS, resourceType)
      ? GATEWAY_SEARCH_PARAMETERS[resourceType]
      : undefined;
    const defs = [...(SEARCH_PARAMETERS.Resource ?? []), ...(own ?? []), ...(gateway ?? [])];
    for (const def of defs) params.set(def.code, compileParameter(resourceType, def));
    byType.set(resourceType, params);
  }
  return params;
}

/** One parameter, or `undefined` when `resourceType` has no parameter `code`. */
export function getSearchParameter(resourceType: string, code: string): SearchParameter | undefined {
  return searchParametersOf(resourceType).get(code);
}

function compileParameter(resourceType: string, def: SearchParameterDefinition): SearchParameter {
  const expression = def.expression.replace(/(^|[|(\s])Resource\./g, `$1${resourceType}.`);
  const fast = compileSimplePath(expression);
  const compiled = fast ? undefined : fhirpath.compile(expression, r4, { resolveInternalTypes: false });
  return {
    resourceType,
    code: def.code,
    type: def.type as SearchParamType,
    expression,
    target: def.target ?? [],
    modifiers: def.modifiers,
    ...(def.url ? { url: def.url } : {}),
    oneRowPerResource: def.type === 'date' && isOneRowDateExpression(expression),
    evaluate(resource) {
      if (fast) return fast(resource);
      return (compiled!(resource) as unknown[]).map(toPathValue);
    },
  };
}

function toPathValue(node: unknown): PathValue {
  if (node !== null && typeof node === 'object' && 'fhirNodeDataType' in node) {
    const n = node as FhirPathNode;
    return { data: unwrapDecimal(n.data), fhirType: n.fhirNodeDataType };
  }
  return { data: node, fhirType: typeof node === 'boolean' ? 'boolean' : null };
}

/** fhirpath wraps decimals and integers (`FP_Decimal`); the index wants the plain number. */
function unwrapDecimal(data: unknown): unknown {
  if (data !== null && typeof data === 'object' && 'asStr' in data && 'value' in data) {
    const value = (data as { value: unknown }).value;
    if (typeof value === 'number') return value;
  }
  return data;
}
