/**
 * Applies profiles to a resource: the one asked for (`$validate?profile=`), every profile the
 * resource claims in `meta.profile`, and any profile the configuration requires for its type.
 * Profiles come from the guide, compiled at build time (`npm run gen:profiles`). A profile the
 * server does not know is an error, or a warning / nothing when so configured.
 * @see https://hl7.org/fhir/R4/resource-definitions.html#Meta.profile
 * @see https://hl7.org/fhir/R4/validation.html#profile
 * @module
 */
import { error, warning, type Issue } from '../../fhir/outcome.js';
import { EXTENSION_CONSTRAINTS, EXTENSION_NODES, EXTENSION_VALUE_SETS } from '../../generated/r4/extensions.js';
import { R4_PRIMITIVES } from '../../generated/r4/primitives.js';
import { R4_RESOURCE_TYPES } from '../../generated/r4/resource-types.js';
import { PROFILE_CONSTRAINTS, PROFILE_NODES, PROFILE_VALUE_SETS } from '../../generated/profiles/profile-model.js';
import { linkModel, type LinkedValueSet } from '../model/link-model.js';
import { compileInvariant } from '../rules/invariants.js';
import { createWalkContext } from '../walk-context.js';
import { walkProfileNode } from './walk-profile.js';
import { profileTypeOf } from './profile-type.js';

/** What to do with a profile the server has not compiled. */
export type UnknownProfilePolicy = 'error' | 'warning' | 'ignore';

/** FHIRPath base of a profile node id: `URL#Patient.identifier:iin` → `Patient.identifier`. */
function pathOf(id: string): string {
  const hash = id.indexOf('#');
  if (hash < 0) return profileTypeOf(id) ?? id;
  return id
    .slice(hash + 1)
    .split('.')
    .map((segment) => segment.split(':')[0])
    .join('.');
}

// The guide's profiles and the R4 core extension definitions are one model: the same node shape
// from the same compiler, so a slice of the guide can name a core extension and vice versa.
const PROFILE_MODEL = linkModel(
  {
    nodes: { ...EXTENSION_NODES, ...PROFILE_NODES },
    primitives: R4_PRIMITIVES,
    resourceTypes: R4_RESOURCE_TYPES,
    valueSets: { ...EXTENSION_VALUE_SETS, ...PROFILE_VALUE_SETS },
  },
  { constraints: { ...EXTENSION_CONSTRAINTS, ...PROFILE_CONSTRAINTS }, compile: compileInvariant, pathOf },
);

const CORE_PREFIX = 'http://hl7.org/fhir/StructureDefinition/';

/** A value set of the guide (or an HL7 profile) expanded at build time, by canonical URL. */
export function profileValueSet(url: string): LinkedValueSet | undefined {
  return PROFILE_MODEL.valueSets.get(url);
}

/** True when the server has compiled `url`. */
export function isKnownProfile(url: string): boolean {
  return profileTypeOf(url) !== undefined;
}

/** Validates `resource` against each of `profiles`; returns only what the profiles add to base R4. */
export function validateProfiles(
  resource: Record<string, unknown>,
  profiles: readonly string[],
  options: {
    unknown: UnknownProfilePolicy;
    crossCheck?: boolean | undefined;
    /** Test aid: interpret every profile, generated code or not. */
    interpretProfiles?: boolean | undefined;
    /** Issues listed per profile walk; the rest are counted into `omitted`. */
    maxIssues?: number | undefined;
    /** Receives the count of issues beyond `maxIssues` (and of errors among them). */
    omitted?: { issues: number; errors: number };
    path?: string;
    /** Entries of the enclosing Bundle (fullUrl → resource), to resolve reference targets. */
    entries?: ReadonlyMap<string, Record<string, unknown>> | undefined;
  },
): Issue[] {
  const { unknown } = options;
  const type = String(resource.resourceType ?? 'Extension');
  const root = options.path ?? type;
  const issues: Issue[] = [];
  const seen: string[] = [];
  for (const profile of profiles) {
    const url = withoutVersion(profile);
    if (seen.includes(url)) continue;
    seen.push(url);
    if (isCoreDefinitionOf(url, type)) continue;
    const node = PROFILE_MODEL.nodes.get(url);
    if (!node) {
      if (unknown !== 'ignore') issues.push(unknownProfile(url, root, unknown));
      continue;
    }
    const profileType = profileTypeOf(url);
    const isExtension = profileType === 'Extension' && resource.resourceType === undefined;
    if (profileType !== type && !isExtension) {
      issues.push({
        ...error('invalid', `Profile ${url} constrains ${profileType}, not ${type}`, type),
        source: url,
      });
      continue;
    }
    const ctx = createWalkContext(PROFILE_MODEL, {
      crossCheck: options.crossCheck,
      interpretProfiles: options.interpretProfiles,
      maxIssues: options.maxIssues,
    });
    ctx.source = url;
    ctx.profileLabel = labelOf(url, isExtension);
    ctx.resource = resource;
    ctx.rootResource = resource;
    ctx.bundleEntries = options.entries;
    walkProfileNode(ctx, node, resource, root);
    for (const issue of ctx.issues) issues.push(issue);
    if (options.omitted) {
      options.omitted.issues += ctx.omitted;
      options.omitted.errors += ctx.omittedErrors;
    }
  }
  return issues;
}

/** True for `url` = the core definition of `type` (no string built: this runs for every profile applied). */
function isCoreDefinitionOf(url: string, type: string): boolean {
  return url.length === CORE_PREFIX.length + type.length && url.startsWith(CORE_PREFIX) && url.endsWith(type);
}

/**
 * `profile kz-patient` or `extension kato`, as issues name the profile: made once per compiled
 * profile (a bounded set, and never changed) instead of on every walk.
 */
const LABELS = { profile: new Map<string, string>(), extension: new Map<string, string>() };

function labelOf(url: string, isExtension: boolean): string {
  const kind = isExtension ? 'extension' : 'profile';
  let label = LABELS[kind].get(url);
  if (label === undefined) {
    label = `${kind} ${url.slice(url.lastIndexOf('/') + 1)}`;
    LABELS[kind].set(url, label);
  }
  return label;
}

/** A canonical without its `|version` (profiles are compiled by URL, one version each). */
function withoutVersion(canonical: string): string {
  const bar = canonical.indexOf('|');
  return bar < 0 ? canonical : canonical.slice(0, bar);
}

function unknownProfile(url: string, path: string, policy: 'error' | 'warning'): Issue {
  const message = `Profile ${url} is not known to this server`;
  const issue = policy === 'error' ? error('not-supported', message, path) : warning('not-supported', message, path);
  return { ...issue, source: url };
}
