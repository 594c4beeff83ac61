/**
 * A resource inside a resource (`contained`, `Bundle.entry.resource`, `Parameters.parameter.resource`)
 * is validated as a resource of its own `resourceType`, with issues attributed to that type's
 * definition.
 * @see https://hl7.org/fhir/R4/references.html#contained
 * @see https://hl7.org/fhir/R4/domainresource.html#invs
 * @see https://hl7.org/fhir/R4/bundle.html
 * @module
 */
import { jsonKind, report, type WalkContext } from '../walk-context.js';
import { PathStep, pathText, type WalkPath } from '../walk-path.js';
import { resourceRuleOf } from './resource-rules.js';
import { isJsonObject, walkNode } from './walk-node.js';

/** Where a resource sits: the one validated, contained in another, or in a Bundle / Parameters. */
export type ResourceRole = 'top' | 'contained' | 'entry';

/** Validates `value` as a resource at `path`. */
export function checkNestedResource(ctx: WalkContext, value: unknown, path: WalkPath, role: ResourceRole): void {
  if (!isJsonObject(value)) {
    report(ctx, { code: 'structure', message: `Expected a resource object, found ${jsonKind(value)}` }, path);
    return;
  }
  const type = value.resourceType;
  if (typeof type !== 'string') {
    report(
      ctx,
      { code: 'required', message: 'A resource needs a string resourceType' },
      new PathStep(path, 'resourceType', -1),
    );
    return;
  }
  const node = ctx.model.resourceTypes.has(type) ? ctx.model.nodes.get(type) : undefined;
  if (!node || node.kind !== 'r') {
    reportUnknownType(ctx, { type, top: role === 'top' }, new PathStep(path, 'resourceType', -1));
    return;
  }
  // The outer resource's state, restored field by field (locals, not an object to copy back).
  const { source, resource, rootResource, resourcePath, bundleEntries, bundleRules } = ctx;
  ctx.source = node.url;
  ctx.resource = value;
  ctx.resourcePath = path;
  if (role !== 'contained') ctx.rootResource = value;
  const rule = resourceRuleOf(type);
  rule?.enter?.(ctx, value);
  walkNode(ctx, node, value, path);
  rule?.check?.(ctx, value, pathText(path));
  ctx.source = source;
  ctx.resource = resource;
  ctx.rootResource = rootResource;
  ctx.resourcePath = resourcePath;
  ctx.bundleEntries = bundleEntries;
  ctx.bundleRules = bundleRules;
  if (role === 'contained' && value.id === undefined) {
    // Only its id lets the container refer to it (dom-3); one without is unreachable content.
    const message = 'A contained resource needs an id, by which the containing resource refers to it (dom-3)';
    report(ctx, { code: 'required', message }, new PathStep(path, 'id', -1));
  }
  if (role !== 'top') collectClaims(ctx, value, path);
}

/** Remembers the profiles a nested resource claims, for the profile pass after the base walk. */
function collectClaims(ctx: WalkContext, resource: Record<string, unknown>, path: WalkPath): void {
  const profiles = (resource.meta as { profile?: unknown } | undefined)?.profile;
  if (!Array.isArray(profiles)) return;
  const urls = profiles.filter((p): p is string => typeof p === 'string');
  if (urls.length > 0) ctx.claims.push({ resource, profiles: urls, path: pathText(path), entries: ctx.bundleEntries });
}

function reportUnknownType(ctx: WalkContext, args: { type: string; top: boolean }, path: WalkPath): void {
  if (!ctx.model.resourceTypes.has(args.type)) {
    report(ctx, { code: 'structure', message: `'${args.type}' is not an R4 resource type` }, path);
  } else if (args.top) {
    report(ctx, { code: 'not-supported', message: `${args.type} is not a supported resource type` }, path);
  } else {
    const message = `${args.type} is not a supported resource type; its content was not validated`;
    report(ctx, { severity: 'warning', code: 'not-supported', message }, path);
  }
}
