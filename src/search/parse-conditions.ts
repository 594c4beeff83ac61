/**
 * Parsing one search parameter (name and value) into a {@link Condition}: modifiers, chains
 * (`subject:Patient.identifier=…`) and reverse chains (`_has:Observation:patient:code=…`).
 * @see https://hl7.org/fhir/R4/search.html#chaining
 * @see https://hl7.org/fhir/R4/search.html#has
 * @module
 */
import { FhirError, badRequest, error } from '../fhir/outcome.js';
import { isSupportedResourceType } from '../fhir/resource-types.js';
import { UNSUPPORTED_SEARCH_PARAMETERS } from '../generated/search/search-parameters.js';
import { derivedCode, type IndexKind } from './index-rows.js';
import { parseToken, parseValue, splitEscaped, type ValueContext } from './parse-search-values.js';
import { getSearchParameter, type SearchParameter } from './search-parameter-registry.js';
import type { Condition, SearchValue } from './search-request.js';

/** Thrown when a parameter is not supported here; the caller ignores or rejects it (strict). */
export class UnsupportedParameter extends Error {
  constructor(
    readonly parameter: string,
    reason: string,
  ) {
    super(reason);
  }
}

/** Parses `name=value` on `resourceType`. */
export function parseCondition(resourceType: string, name: string, value: string, now: number): Condition {
  if (name.startsWith('_has:')) return parseHas(resourceType, name, value, now);
  const dot = name.indexOf('.');
  const head = dot >= 0 ? name.slice(0, dot) : name;
  const [code = '', modifier] = head.split(':', 2);
  const param = getSearchParameter(resourceType, code);
  if (!param) throw new UnsupportedParameter(name, unknownMessage(resourceType, code));
  const ctx: ValueContext = { name, now };
  if (dot >= 0) return parseChain(param, modifier, { rest: name.slice(dot + 1), value, ctx });
  if (modifier !== undefined && !param.modifiers.includes(modifier) && !isTypeModifier(param, modifier)) {
    throw badRequest(
      `Modifier ':${modifier}' is not supported on '${code}' (supported: ${param.modifiers.join(', ')})`,
      name,
    );
  }
  if (modifier === 'missing') return parseMissing(param, value, name);
  const alternatives = splitEscaped(value, ',');
  if (modifier === 'of-type') return ofType(param, alternatives, ctx);
  if (modifier === 'identifier') {
    const values = alternatives.map((v) => parseToken(v, ctx));
    return { kind: 'param', table: 'token', code: derivedCode(param.code, 'identifier'), values };
  }
  const values = alternatives.map((v) => parseValue(param, modifier, v, ctx));
  return {
    kind: 'param',
    table: param.type,
    code: param.code,
    values,
    ...(modifier === 'not' ? { negate: true } : {}),
    ...(param.oneRowPerResource ? { oneRowPerResource: true } : {}),
  };
}

function unknownMessage(resourceType: string, code: string): string {
  const known = [
    ...((Object.hasOwn(UNSUPPORTED_SEARCH_PARAMETERS, resourceType) && UNSUPPORTED_SEARCH_PARAMETERS[resourceType]) ||
      []),
    ...(UNSUPPORTED_SEARCH_PARAMETERS.Resource ?? []),
  ];
  const entry = known.find((k) => k.startsWith(`${code} (`));
  return entry
    ? `Search parameter '${entry}' of ${resourceType} is not supported by this server`
    : `Unknown search parameter '${code}' for ${resourceType}`;
}

function isTypeModifier(param: SearchParameter, modifier: string): boolean {
  return (
    param.type === 'reference' &&
    isSupportedResourceType(modifier) &&
    (param.target.length === 0 || param.target.includes(modifier))
  );
}

function parseMissing(param: SearchParameter, value: string, name: string): Condition {
  if (value !== 'true' && value !== 'false') throw badRequest(`'${name}' takes true or false`, name);
  const table: IndexKind = param.type;
  return { kind: 'missing', table, code: param.code, missing: value === 'true' };
}

/** `identifier:of-type=[type-system]|[type-code]|[value]`. */
function ofType(param: SearchParameter, alternatives: string[], ctx: ValueContext): Condition {
  const values: SearchValue[] = alternatives.map((raw) => {
    const [system, code, value] = splitEscaped(raw, '|', 3);
    if (!system || !code || !value) throw badRequest(`'${ctx.name}' expects type-system|type-code|value`, ctx.name);
    return { kind: 'token', system: `${system}|${code}`, code: value };
  });
  return { kind: 'param', table: 'token', code: derivedCode(param.code, 'of-type'), values };
}

function parseChain(
  param: SearchParameter,
  modifier: string | undefined,
  chain: { rest: string; value: string; ctx: ValueContext },
): Condition {
  if (param.type !== 'reference')
    throw badRequest(`'${param.code}' is not a reference and cannot be chained`, chain.ctx.name);
  const candidates = modifier ? [modifier] : param.target.filter(isSupportedResourceType);
  const nextCode = chain.rest.split(/[.:]/, 1)[0] ?? '';
  const targets = candidates.filter(
    (t) => isSupportedResourceType(t) && (nextCode === '_has' || getSearchParameter(t, nextCode)),
  );
  if (targets.length === 0) {
    throw new UnsupportedParameter(
      chain.ctx.name,
      `No target type of '${param.code}' has a search parameter '${nextCode}'`,
    );
  }
  const values: SearchValue[] = targets.map((targetType) => ({
    kind: 'chain',
    targetTypes: [targetType],
    where: [parseCondition(targetType, chain.rest, chain.value, chain.ctx.now)],
  }));
  return { kind: 'param', table: 'reference', code: param.code, values };
}

/** `_has:[type]:[reference param]:[param]=[value]`. */
function parseHas(resourceType: string, name: string, value: string, now: number): Condition {
  const [, sourceType = '', referenceCode = '', ...rest] = name.split(':');
  if (!isSupportedResourceType(sourceType) || rest.length === 0) {
    throw badRequest(`'${name}' must look like _has:Observation:patient:code`, name);
  }
  const reference = getSearchParameter(sourceType, referenceCode);
  if (!reference || reference.type !== 'reference') {
    throw new FhirError(
      400,
      error('not-supported', `'${referenceCode}' is not a reference parameter of ${sourceType}`, name),
    );
  }
  const where = [parseCondition(sourceType, rest.join(':'), value, now)];
  return { kind: 'has', sourceType, referenceCode, where };
}
