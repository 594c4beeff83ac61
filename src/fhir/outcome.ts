/**
 * OperationOutcome is the one error currency of the gateway: validation issues, REST errors and
 * storage conflicts all become {@link Issue} values, and an HTTP failure is a {@link FhirError}
 * that carries its status explicitly.
 * @see https://hl7.org/fhir/R4/operationoutcome.html
 * @module
 */
import { toFhirString } from './fhir-string.js';

/** @see https://hl7.org/fhir/R4/valueset-issue-severity.html */
export type IssueSeverity = 'fatal' | 'error' | 'warning' | 'information';

/** A subset of the R4 issue-type codes that the gateway emits. @see https://hl7.org/fhir/R4/valueset-issue-type.html */
export type IssueCode =
  | 'invalid'
  | 'structure'
  | 'required'
  | 'value'
  | 'invariant'
  | 'security'
  | 'login'
  | 'forbidden'
  | 'throttled'
  | 'not-supported'
  | 'duplicate'
  | 'not-found'
  | 'deleted'
  | 'too-long'
  | 'too-costly'
  | 'code-invalid'
  | 'conflict'
  | 'processing'
  | 'exception'
  | 'informational'
  | 'business-rule'
  | 'incomplete'
  | 'timeout'
  | 'lock-error';

/** One problem with a location. `expression` is a FHIRPath to the offending element. */
export interface Issue {
  severity: IssueSeverity;
  code: IssueCode;
  /** Human-readable explanation (becomes `details.text`). */
  message: string;
  /** FHIRPath expressions of the elements concerned, e.g. `Patient.birthDate`. */
  expression?: string[];
  /** Canonical URL of the profile whose rule produced the issue. */
  source?: string;
}

/** Converts issues to an R4 OperationOutcome. @see https://hl7.org/fhir/R4/operationoutcome.html */
export function toOperationOutcome(issues: readonly Issue[]): fhir4.OperationOutcome {
  const list = issues.length > 0 ? issues : [informational('All OK')];
  return {
    resourceType: 'OperationOutcome',
    issue: list.map((issue) => {
      const out: fhir4.OperationOutcomeIssue = {
        severity: issue.severity,
        code: issue.code,
        details: { text: toFhirString(issue.message) },
      };
      if (issue.expression?.length) out.expression = issue.expression.map(toFhirString);
      if (issue.source) {
        // R4 types this extension's value as a string (R5 makes it a canonical).
        out.extension = [{ url: ISSUE_SOURCE_EXTENSION, valueString: toFhirString(issue.source) }];
      }
      return out;
    }),
  };
}

/** R4 core extension that names the rule source of an issue. @see https://hl7.org/fhir/R4/extension-operationoutcome-issue-source.html */
export const ISSUE_SOURCE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-source';

/** True when any issue is an error or fatal. */
export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error' || i.severity === 'fatal');
}

/** Builds an error issue. */
export function error(code: IssueCode, message: string, expression?: string): Issue {
  return expression
    ? { severity: 'error', code, message, expression: [expression] }
    : { severity: 'error', code, message };
}

/** Builds a warning issue. */
export function warning(code: IssueCode, message: string, expression?: string): Issue {
  return expression
    ? { severity: 'warning', code, message, expression: [expression] }
    : { severity: 'warning', code, message };
}

/** Builds an informational issue. */
export function informational(message: string): Issue {
  return { severity: 'information', code: 'informational', message };
}

/**
 * An error that knows its HTTP status and its OperationOutcome. Thrown by the REST layer and
 * turned into an `application/fhir+json` response by the one error handler of the HTTP layer.
 * @see https://hl7.org/fhir/R4/http.html#summary
 */
export class FhirError extends Error {
  readonly status: number;
  readonly issues: readonly Issue[];

  constructor(status: number, issues: Issue | readonly Issue[]) {
    const list = Array.isArray(issues) ? (issues as readonly Issue[]) : [issues as Issue];
    super(list[0]?.message ?? `HTTP ${status}`);
    this.name = 'FhirError';
    this.status = status;
    this.issues = list;
  }

  /** The OperationOutcome body of this error. */
  get outcome(): fhir4.OperationOutcome {
    return toOperationOutcome(this.issues);
  }
}

/** 400 with one error issue. */
export function badRequest(message: string, expression?: string, code: IssueCode = 'invalid'): FhirError {
  return new FhirError(400, error(code, message, expression));
}

/** 404 for an unknown resource type or id. */
export function notFound(message: string): FhirError {
  return new FhirError(404, error('not-found', message));
}

/** 410 for a deleted resource. @see https://hl7.org/fhir/R4/http.html#read */
export function gone(resourceType: string, id: string): FhirError {
  return new FhirError(410, error('deleted', `${resourceType}/${id} has been deleted`));
}

/** 409 for a version conflict without If-Match. */
export function conflict(message: string): FhirError {
  return new FhirError(409, error('conflict', message));
}

/** 412 for a failed precondition (stale If-Match, If-None-Match). */
export function preconditionFailed(message: string): FhirError {
  return new FhirError(412, error('conflict', message));
}
