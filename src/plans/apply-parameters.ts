/**
 * Reads `$apply`'s input (a Parameters body and/or query parameters) into an {@link ApplyRequest}.
 * `subject` is the operation's own parameter; `dischargeDate`, `lmp`, `edd`, `registered` and
 * `episode` are this server's additions (OperationDefinition in docs/decisions/026). Bad input is
 * a 400 naming the parameter.
 * @see https://hl7.org/fhir/R4/plandefinition-operation-apply.html
 * @module
 */
import { badRequest } from '../fhir/outcome.js';
import type { ApplyRequest } from './apply-plan.js';
import { isCalendarDate } from './calendar-dates.js';

const DATE_PARAMETERS = ['dischargeDate', 'lmp', 'edd', 'registered'] as const;
const KNOWN = new Set<string>(['subject', 'episode', ...DATE_PARAMETERS]);

/** A parameter's value as text: valueString, valueDate, valueReference.reference, valueUri. */
function textOf(parameter: fhir4.ParametersParameter): string | undefined {
  return (
    parameter.valueString ??
    parameter.valueDate ??
    parameter.valueReference?.reference ??
    parameter.valueUri ??
    parameter.valueCode
  );
}

/** Named values from a Parameters body; throws 400 for another resource or an unknown name. */
function fromBody(body: unknown): Map<string, string> {
  const values = new Map<string, string>();
  if (body === undefined) return values;
  const parameters = body as fhir4.Parameters;
  if (parameters?.resourceType !== 'Parameters') throw badRequest('$apply takes a Parameters resource', 'Parameters');
  (parameters.parameter ?? []).forEach((parameter, index) => {
    const where = `Parameters.parameter[${index}]`;
    if (!KNOWN.has(parameter.name)) throw badRequest(`Unknown $apply parameter '${parameter.name}'`, `${where}.name`);
    const text = textOf(parameter);
    if (text === undefined) throw badRequest(`Parameter '${parameter.name}' has no value`, where);
    values.set(parameter.name, text);
  });
  return values;
}

/** The request to apply `planId`, from the body and the query (the body wins). */
export function readApplyRequest(planId: string, body: unknown, query: URLSearchParams): ApplyRequest {
  const values = fromBody(body);
  for (const name of KNOWN) {
    const given = query.get(name);
    if (given !== null && !values.has(name)) values.set(name, given);
  }
  const subject = values.get('subject');
  if (!subject) throw badRequest('$apply needs a subject (Patient/[id])', 'Parameters.parameter[subject]', 'required');
  const request: ApplyRequest = { planId, subject, episode: values.get('episode') };
  for (const name of DATE_PARAMETERS) {
    const value = values.get(name);
    if (value === undefined) continue;
    if (!isCalendarDate(value))
      throw badRequest(`${name} '${value}' is not a date (YYYY-MM-DD)`, `Parameters.parameter[${name}]`);
    request[name] = value;
  }
  return request;
}
