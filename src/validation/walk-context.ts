/**
 * State of one validation run: the linked model, the issues found so far and the profile URL
 * that issues are attributed to. Created per call, never shared between requests.
 * @module
 */
import type { Issue, IssueCode, IssueSeverity } from '../fhir/outcome.js';
import type { BundleTypeRules } from './bundle/bundle-type-rules.js';
import type { LinkedModel } from './model/link-model.js';
import { pathText, type WalkPath } from './walk-path.js';

/** Per-call walk state. */
export interface WalkContext {
  readonly model: LinkedModel;
  readonly issues: Issue[];
  /** Canonical URL of the definition being applied (changes inside contained resources). */
  source: string | undefined;
  /** `%resource` of invariants: the resource that holds the element being walked. */
  resource: unknown;
  /** `%rootResource`: the container of a contained resource, otherwise `resource`. */
  rootResource: unknown;
  /** FHIRPath of `resource` (`Bundle.entry[2].resource`), to name the element an extension is on. */
  resourcePath: WalkPath;
  /**
   * The primitive whose `_x` sibling is being walked (the site of its extensions): its type and
   * its path in the node that declares it (`HumanName.family`).
   */
  primitiveSite: { type: string; path: string } | undefined;
  /**
   * In the profile pass, what issues are attributed to (`profile kz-patient`, `extension kato`)
   * and the slice being walked (`nurse`, `national/official`), both named in each message.
   */
  profileLabel: string | undefined;
  slice: string | undefined;
  /** What an unknown extension gives, and whether example URLs are allowed (examples only). */
  readonly extensions: ExtensionPolicy;
  /** Nested resources (contained, Bundle entries) that claim profiles, for the profile pass. */
  readonly claims: {
    resource: Record<string, unknown>;
    profiles: string[];
    path: string;
    /** The entries of the Bundle the resource is in, to resolve its references in the profile pass. */
    entries?: ReadonlyMap<string, Record<string, unknown>> | undefined;
  }[];
  /**
   * fullUrl → resource of the enclosing Bundle's entries (and `Type/id` → resource for entries
   * with an id), to resolve references into the Bundle.
   */
  bundleEntries: ReadonlyMap<string, Record<string, unknown>> | undefined;
  /** Rules of the enclosing Bundle's type: how serious an unresolved reference is. */
  bundleRules: BundleTypeRules | undefined;
  /** Reference targets being checked against a targetProfile (guards against reference cycles). */
  readonly resolving: unknown[];
  /** Test aid: also evaluate natively compiled invariants with fhirpath.js and report disagreement. */
  readonly crossCheck: boolean;
  /**
   * Test aid: walk profiles with the interpreter even where code was generated for them, so that a
   * test can hold the generated code to the interpreter's issues.
   */
  readonly interpretProfiles: boolean;
  /** Most issues kept in `issues`; later ones are only counted (a hostile resource can hold a million faults). */
  readonly maxIssues: number;
  /** Errors reported in this context, kept or not (what `conformsTo` compares). */
  errorCount: number;
  /** Issues reported beyond `maxIssues`, and how many of them were errors. */
  omitted: number;
  omittedErrors: number;
}

/**
 * The unknown-extension policy of a run (`FHIR_UNKNOWN_EXTENSION`), and whether the resource is an
 * example, where extension URLs on example domains are allowed.
 */
export interface ExtensionPolicy {
  readonly unknown: 'error' | 'warning' | 'ignore';
  readonly examples: boolean;
}

/** HL7's validator without `-allow-any-extensions`: an unknown extension is an error. */
export const DEFAULT_EXTENSION_POLICY: ExtensionPolicy = { unknown: 'error', examples: false };

/** Default of {@link WalkContext.maxIssues}: issues listed per validated resource. */
export const DEFAULT_MAX_ISSUES = 100;

/** Creates the state of one validation run. */
export function createWalkContext(
  model: LinkedModel,
  options: {
    crossCheck?: boolean | undefined;
    interpretProfiles?: boolean | undefined;
    maxIssues?: number | undefined;
    extensions?: ExtensionPolicy | undefined;
  } = {},
): WalkContext {
  return {
    model,
    issues: [],
    source: undefined,
    resource: undefined,
    rootResource: undefined,
    resourcePath: '',
    primitiveSite: undefined,
    profileLabel: undefined,
    slice: undefined,
    extensions: options.extensions ?? DEFAULT_EXTENSION_POLICY,
    bundleEntries: undefined,
    bundleRules: undefined,
    claims: [],
    // A short stack (a chain of references), cheaper to make for every walk than a Set.
    resolving: [],
    crossCheck: options.crossCheck ?? false,
    interpretProfiles: options.interpretProfiles ?? false,
    maxIssues: options.maxIssues ?? DEFAULT_MAX_ISSUES,
    errorCount: 0,
    omitted: 0,
    omittedErrors: 0,
  };
}

/** Records an issue at `expression` (joined here, the first time a path is needed), attributed to the current source. */
export function report(
  ctx: WalkContext,
  issue: { severity?: IssueSeverity; code: IssueCode; message: string },
  expression: WalkPath,
): void {
  const out: Issue = {
    severity: issue.severity ?? 'error',
    code: issue.code,
    message: ctx.profileLabel === undefined ? issue.message : `${issue.message} (${labelOf(ctx)})`,
    expression: [pathText(expression)],
  };
  if (ctx.source) out.source = ctx.source;
  addIssue(ctx, out);
}

/** `slice 'nurse' of profile kz-patronage-encounter`, or `profile kz-patient`. */
function labelOf(ctx: WalkContext): string {
  return ctx.slice === undefined ? ctx.profileLabel! : `slice '${ctx.slice}' of ${ctx.profileLabel!}`;
}

/** Adds `issue` to the context's list, or only counts it once the list holds `maxIssues`. */
export function addIssue(ctx: WalkContext, issue: Issue): void {
  if (issue.severity === 'error') ctx.errorCount++;
  if (ctx.issues.length < ctx.maxIssues) {
    ctx.issues.push(issue);
    return;
  }
  ctx.omitted++;
  if (issue.severity === 'error' || issue.severity === 'fatal') ctx.omittedErrors++;
}

/**
 * The issue that stands for those not listed; an error when any of them was, so that a resource
 * is never accepted because its errors came after the limit.
 */
export function omittedIssuesIssue(omitted: number, omittedErrors: number, maxIssues: number): Issue {
  return {
    severity: omittedErrors > 0 ? 'error' : 'warning',
    code: 'too-costly',
    message:
      `${omitted} more issue${omitted === 1 ? '' : 's'} (${omittedErrors} error${omittedErrors === 1 ? '' : 's'}) ` +
      `not listed: at most ${maxIssues} issues are reported per resource`,
  };
}

/** JSON kind of a value as a user would name it in a message. */
export function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
