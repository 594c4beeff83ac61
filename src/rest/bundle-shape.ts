/**
 * The shape of a transaction or batch Bundle, checked whole before any entry runs: type, entry
 * count, every element of the Bundle, its entries and their requests (the compiled R4 validator
 * over the Bundle without its entry resources, which are validated per entry when they run), and
 * the fullUrl rules. Any problem is a 400 (413 for too many entries) and nothing runs.
 * @see https://hl7.org/fhir/R4/bundle.html#invs
 * @see https://hl7.org/fhir/R4/http.html#transaction
 * @module
 */
import { FhirError, badRequest, error, informational, type Issue } from '../fhir/outcome.js';
import { clip, fullUrlProblem } from '../validation/bundle/full-url.js';
import type { ResourceValidator } from './context.js';

/** Default of `MAX_BUNDLE_ENTRIES` (docs/limits.md). */
export const DEFAULT_MAX_BUNDLE_ENTRIES = 1000;

/** How many issues a shape error lists; a Bundle with 50,000 bad keys gets a short answer. */
const MAX_LISTED_ISSUES = 20;

/** A transaction or batch Bundle whose shape has been checked. */
export interface CheckedBundle {
  type: 'transaction' | 'batch';
  entries: fhir4.BundleEntry[];
}

/** Options of {@link assertBundleShape}. */
export interface BundleShapeOptions {
  maxEntries: number;
  validate: ResourceValidator;
}

/** Asserts the shape of a transaction or batch Bundle; throws a located 400 (413 when too large). */
export function assertBundleShape(body: unknown, options: BundleShapeOptions): CheckedBundle {
  if (!isRecord(body) || body.resourceType !== 'Bundle') throw badRequest('POST [base] takes a Bundle', 'resourceType');
  if (body.type !== 'transaction' && body.type !== 'batch') {
    throw badRequest(`Bundle.type must be transaction or batch, not '${String(body.type)}'`, 'Bundle.type');
  }
  const entries = body.entry === undefined ? [] : body.entry;
  if (!Array.isArray(entries)) throw badRequest('Bundle.entry must be an array', 'Bundle.entry');
  // FHIR JSON has no empty arrays: a Bundle without entries omits `entry`.
  if (body.entry !== undefined && entries.length === 0)
    throw badRequest('Bundle.entry is an empty array: omit it instead', 'Bundle.entry', 'structure');
  if (entries.length > options.maxEntries) {
    throw new FhirError(
      413,
      error('too-costly', `The Bundle has ${entries.length} entries; this server takes at most ${options.maxEntries}`),
    );
  }
  throwIfAny(structureIssues(body, entries, options.validate));
  throwIfAny(fullUrlIssues(entries));
  return { type: body.type, entries: entries as fhir4.BundleEntry[] };
}

/**
 * The validator's errors for the Bundle with each entry's `resource` left out (an entry's
 * resource is validated when that entry runs, against its own type). bdl-7 is checked by
 * {@link fullUrlIssues} instead: without the resources it cannot see their `meta.versionId`.
 */
function structureIssues(bundle: Record<string, unknown>, entries: unknown[], validate: ResourceValidator): Issue[] {
  const skeleton: Record<string, unknown> = {
    ...bundle,
    entry: entries.map((entry) => {
      if (!isRecord(entry)) return entry;
      const copy = { ...entry };
      delete copy.resource;
      return copy;
    }),
  };
  if (entries.length === 0) delete skeleton.entry;
  return validate(skeleton as unknown as fhir4.Resource).filter(
    (issue) => (issue.severity === 'error' || issue.severity === 'fatal') && !issue.message.startsWith('bdl-7'),
  );
}

/**
 * fullUrl rules: an absolute URI; `urn:uuid:` a UUID and `urn:oid:` an OID; a RESTful URL
 * agreeing with the resource's type and id; and fullUrl plus `meta.versionId` unique (bdl-7).
 * @see https://hl7.org/fhir/R4/bundle-definitions.html#Bundle.entry.fullUrl
 */
function fullUrlIssues(entries: readonly unknown[]): Issue[] {
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  for (const [index, entry] of entries.entries()) {
    const at = `Bundle.entry[${index}]`;
    if (!isRecord(entry)) {
      issues.push(error('structure', `${at} must be an object`, at));
      continue;
    }
    if (typeof entry.fullUrl !== 'string') continue;
    const problem = fullUrlProblem(entry.fullUrl, entry.resource);
    if (problem) issues.push(error('value', `${at}.fullUrl ${problem}`, `${at}.fullUrl`));
    const key = `${entry.fullUrl} ${versionIdOf(entry.resource) ?? ''}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else issues.push(duplicateIssue(entry.fullUrl, first, index));
  }
  return issues;
}

function duplicateIssue(fullUrl: string, first: number, index: number): Issue {
  const message =
    `bdl-7: Bundle.entry[${index}] repeats the fullUrl '${clip(fullUrl)}' of Bundle.entry[${first}] ` +
    '(fullUrl and meta.versionId must be unique)';
  return {
    ...error('invariant', message),
    expression: [`Bundle.entry[${index}].fullUrl`, `Bundle.entry[${first}].fullUrl`],
  };
}

function versionIdOf(resource: unknown): string | undefined {
  if (!isRecord(resource) || !isRecord(resource.meta)) return undefined;
  return typeof resource.meta.versionId === 'string' ? resource.meta.versionId : undefined;
}

/** Throws a 400 listing the first issues (and how many more there are), if there are any. */
function throwIfAny(issues: readonly Issue[]): void {
  if (issues.length === 0) return;
  const listed = issues.slice(0, MAX_LISTED_ISSUES);
  if (issues.length > listed.length)
    listed.push(informational(`${issues.length - listed.length} more issues of the same Bundle are not listed`));
  throw new FhirError(400, listed);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
