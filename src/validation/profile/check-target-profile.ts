/**
 * Reference targets against a profile's targetProfile: when a Reference element of a profile
 * names compiled profiles (`serviceProvider` → kz-polyclinic) and the target is in the same
 * resource (`#id`, contained) or the same Bundle (by fullUrl), the target must conform to one of
 * the profiles of its type. Targets elsewhere (on this server or another) are not resolved.
 * @see https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.type.targetProfile
 * @see https://hl7.org/fhir/R4/references.html#contained
 * @see https://hl7.org/fhir/R4/bundle.html#references
 * @module
 */
import { profileTypeOf } from './profile-type.js';
import { report, type WalkContext } from '../walk-context.js';
import type { ConformsTo, Item } from './check-slicing.js';

type JsonObject = Record<string, unknown>;

/** Checks the Reference `item` against `profiles` (the element's targetProfile list). */
export function checkTargetProfile(
  ctx: WalkContext,
  args: { profiles: readonly string[]; item: Item; conformsTo: ConformsTo },
): void {
  const reference = (args.item.value as { reference?: unknown } | null)?.reference;
  if (typeof reference !== 'string') return;
  const target = resolveLocal(ctx, reference);
  if (!target || ctx.resolving.includes(target)) return;
  const type = String(target.resourceType);
  // Base types are listed by bare name; a profile the server does not know is not checked.
  const candidates = args.profiles.filter((p) => (profileTypeOf(p) ?? p) === type);
  // No candidate: the base pass reports a target type that is not allowed.
  if (candidates.length === 0 || candidates.includes(type)) return;
  ctx.resolving.push(target);
  const failures = candidates.map((profile) =>
    firstError(ctx, { profile, target, reference, conformsTo: args.conformsTo }),
  );
  ctx.resolving.pop();
  if (failures.some((f) => f === undefined)) return;
  const names = candidates.map((p) => p.slice(p.lastIndexOf('/') + 1)).join(' or ');
  const message = `The referenced ${type} (${reference}) does not conform to ${names}: ${failures[0]!}`;
  report(ctx, { code: 'invalid', message }, args.item.path);
}

/** The contained resource (`#id`) or Bundle entry (fullUrl, or `Type/id` against an entry's fullUrl) referenced. */
function resolveLocal(ctx: WalkContext, reference: string): JsonObject | undefined {
  if (reference.startsWith('#')) {
    const contained = (ctx.rootResource as { contained?: unknown } | undefined)?.contained;
    if (!Array.isArray(contained)) return undefined;
    return contained.find((c: unknown) => (c as { id?: unknown } | null)?.id === reference.slice(1)) as
      JsonObject | undefined;
  }
  const entries = ctx.bundleEntries;
  if (!entries) return undefined;
  const exact = entries.get(reference);
  if (exact || reference.includes(':')) return exact;
  for (const [fullUrl, resource] of entries) if (fullUrl.endsWith(`/${reference}`)) return resource;
  return undefined;
}

/** Validates `target` against `profile` on a throw-away context; returns its first error, if any. */
function firstError(
  ctx: WalkContext,
  args: { profile: string; target: JsonObject; reference: string; conformsTo: ConformsTo },
): string | undefined {
  const contained = args.reference.startsWith('#');
  const quiet: WalkContext = {
    ...ctx,
    issues: [],
    resource: args.target,
    rootResource: contained ? ctx.rootResource : args.target,
    // The first error is quoted inside the referring element's issue, which names the profiles.
    profileLabel: undefined,
    slice: undefined,
  };
  const path = String(args.target.resourceType);
  args.conformsTo(quiet, args.profile, { value: args.target, key: 'resource', path, type: path });
  const error = quiet.issues.find((i) => i.severity === 'error' || i.severity === 'fatal');
  return error && `${error.expression?.[0] ?? path}: ${error.message}`;
}
