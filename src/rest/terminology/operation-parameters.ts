/**
 * The input parameters of an operation, from the query string (GET, or POST with parameters in
 * the URL) and from a Parameters body (POST); the body wins where both name a parameter.
 * Malformed values are a 400 whose `expression` names the parameter.
 * @see https://hl7.org/fhir/R4/operations.html#request
 * @see https://hl7.org/fhir/R4/parameters.html
 * @module
 */
import { badRequest, type FhirError } from '../../fhir/outcome.js';

/** Typed access to the parameters of one operation request. */
export interface OperationParameters {
  /** A primitive given as text: valueString, valueUri, valueCode, valueCanonical… or the query. */
  text(name: string): string | undefined;
  /** Every value of a repeating primitive parameter, from the body or else from the query. */
  texts(name: string): string[];
  /** Like {@link text}, and a 400 naming the parameter when it is absent. */
  requiredText(name: string): string;
  boolean(name: string): boolean | undefined;
  /** A non-negative integer. */
  count(name: string): number | undefined;
  coding(name: string): fhir4.Coding | undefined;
  codeableConcept(name: string): fhir4.CodeableConcept | undefined;
  resource(name: string): fhir4.Resource | undefined;
}

/** FHIRPath of a named input parameter, the `expression` of its errors. */
export function parameterExpression(name: string): string {
  return `Parameters.parameter.where(name = '${name}')`;
}

/** A 400 for the parameter `name`. */
export function parameterError(name: string, message: string, code: 'required' | 'value' = 'value'): FhirError {
  return badRequest(message, parameterExpression(name), code);
}

const TEXT_VALUES = ['valueString', 'valueUri', 'valueCode', 'valueCanonical', 'valueUrl', 'valueId'] as const;

/** Reads the operation's parameters; a body that is not a Parameters resource is a 400. */
export function readOperationParameters(query: URLSearchParams, body: unknown): OperationParameters {
  const list = bodyParameters(body);
  const named = (name: string) => list.find((p) => p.name === name);
  const params: OperationParameters = {
    text(name) {
      const given = named(name);
      if (given) return TEXT_VALUES.map((key) => given[key]).find((v) => v !== undefined);
      return query.get(name) ?? undefined;
    },
    texts(name) {
      const given = list.filter((p) => p.name === name);
      if (given.length === 0) return query.getAll(name);
      return given.flatMap((p) => TEXT_VALUES.map((key) => p[key]).filter((v) => v !== undefined));
    },
    requiredText(name) {
      const value = params.text(name);
      if (value === undefined || value === '')
        throw parameterError(name, `Parameter '${name}' is required`, 'required');
      return value;
    },
    boolean(name) {
      const given = named(name)?.valueBoolean;
      if (given !== undefined) return given;
      const raw = query.get(name);
      if (raw === null) return undefined;
      if (raw === 'true' || raw === 'false') return raw === 'true';
      throw parameterError(name, `Parameter '${name}' must be true or false, got '${raw}'`);
    },
    count(name) {
      const given = named(name);
      const raw = given?.valueInteger ?? given?.valueUnsignedInt ?? query.get(name) ?? undefined;
      if (raw === undefined) return undefined;
      const value = Number(raw);
      if (!Number.isInteger(value) || value < 0 || String(raw).trim() === '') {
        throw parameterError(name, `Parameter '${name}' must be a non-negative integer, got '${String(raw)}'`);
      }
      return value;
    },
    coding: (name) => named(name)?.valueCoding,
    codeableConcept: (name) => named(name)?.valueCodeableConcept,
    resource: (name) => named(name)?.resource,
  };
  return params;
}

function bodyParameters(body: unknown): fhir4.ParametersParameter[] {
  if (body === undefined) return [];
  const resource = body as { resourceType?: unknown; parameter?: unknown };
  if (typeof resource !== 'object' || resource === null || resource.resourceType !== 'Parameters') {
    throw badRequest('The body of an operation must be a Parameters resource', 'resourceType');
  }
  if (resource.parameter !== undefined && !Array.isArray(resource.parameter)) {
    throw badRequest('Parameters.parameter must be an array', 'Parameters.parameter');
  }
  return (resource.parameter ?? []) as fhir4.ParametersParameter[];
}
