/**
 * Strict FHIR JSON parsing for request bodies: {@link scanJson} first (depth, duplicate and
 * forbidden keys, lone surrogates, control characters; iterative, so no input can overflow the
 * stack), then `JSON.parse`. Every failure is a 400 OperationOutcome.
 * @see https://hl7.org/fhir/R4/json.html
 * @module
 */
import { badRequest, type FhirError, type IssueCode } from '../outcome.js';
import { JSON_PROBLEM, clip, scanJson, type JsonProblem } from './scan-json.js';

/**
 * Default nesting limit (objects plus arrays). The deepest of the 5,307 official R4 examples
 * (`Bundle-v3-valuesets.json`) nests 22 levels, so 100 leaves room for Bundles of Bundles and
 * contained resources while keeping every recursive walk after the parse shallow.
 */
export const DEFAULT_MAX_JSON_DEPTH = 100;

/** Options of {@link parseFhirJson}. */
export interface FhirJsonOptions {
  /** Largest nesting of objects and arrays accepted; deeper is a 400. */
  maxDepth?: number;
  /** What the text is, for messages ("request body", "patch body"). */
  what?: string;
}

/**
 * Parses `text` as FHIR JSON; throws a 400 {@link FhirError} naming the limit or the location of
 * the first problem.
 */
export function parseFhirJson(text: string, options: FhirJsonOptions = {}): unknown {
  const what = options.what ?? 'request body';
  const problem = scanJson(text, options.maxDepth ?? DEFAULT_MAX_JSON_DEPTH);
  if (problem) throw problemError(problem, what);
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw badRequest(`The ${what} is not valid JSON: ${detail}`, undefined, 'structure');
  }
}

const PROBLEM_CODE: Record<JsonProblem['kind'], IssueCode> = {
  [JSON_PROBLEM.depth]: 'too-long',
  [JSON_PROBLEM.duplicateKey]: 'structure',
  [JSON_PROBLEM.forbiddenKey]: 'structure',
  [JSON_PROBLEM.loneSurrogate]: 'value',
  [JSON_PROBLEM.controlCharacter]: 'value',
};

function problemError(problem: JsonProblem, what: string): FhirError {
  const code = PROBLEM_CODE[problem.kind];
  // A depth problem's location is as long as the limit; the message says enough.
  if (problem.kind === JSON_PROBLEM.depth)
    return badRequest(`The ${what} is rejected: ${problem.message}`, undefined, code);
  const expression = toExpression(problem);
  return badRequest(`The ${what} is rejected at ${expression}: ${problem.message}`, expression, code);
}

/** FHIRPath-style location: `Patient.name[0].family`, or `$this…` when the root type is unknown. */
export function toExpression(problem: Pick<JsonProblem, 'path' | 'rootType'>): string {
  let out = problem.rootType && /^[A-Za-z]+$/.test(problem.rootType) ? problem.rootType : '$this';
  for (const raw of problem.path) {
    const segment = typeof raw === 'number' ? raw : clip(raw);
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += /^[A-Za-z_][A-Za-z0-9_]*$/.test(segment) ? `.${segment}` : `.\`${segment.replace(/[`\\]/g, '\\$&')}\``;
  }
  return out;
}
