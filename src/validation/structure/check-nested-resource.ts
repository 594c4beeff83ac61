/**
 * A resource inside a resource (`contained`, `Bundle.entry.resource`, `Parameters.parameter.resource`)
 * is validated as a resource of its own `resourceType`, with issues attributed to that type's
 * definition.
 * @see https://hl7.org/fhir/R4/references.html#contained
 * @see https://hl7.org/fhir/R4/bundle.html
 * @module
 */
import { jsonKind, report, type WalkContext } from '../walk-context.js';
import { isJsonObject, walkNode } from './walk-node.js';

/** Validates `value` as a resource at `path`; `top` is true for the resource being written. */
export function checkNestedResource(ctx: WalkContext, value: unknown, path: string, top = false): void {
  if (!isJsonObject(value)) {
    report(ctx, { code: 'structure', message: `Expected a resource object, found ${jsonKind(value)}` }, path);
    return;
  }
  const type = value.resourceType;
  if (typeof type !== 'string') {
    report(ctx, { code: 'required', message: 'A resource needs a string resourceType' }, `${path}.resourceType`);
    return;
  }
  const node = ctx.model.nodes.get(type);
  if (!node || node.kind !== 'r') {
    reportUnknownType(ctx, { type, top }, `${path}.resourceType`);
    return;
  }
  const outer = ctx.source;
  ctx.source = node.url;
  walkNode(ctx, node, value, top ? type : path);
  ctx.source = outer;
}

function reportUnknownType(ctx: WalkContext, args: { type: string; top: boolean }, path: string): void {
  if (!ctx.model.resourceTypes.has(args.type)) {
    report(ctx, { code: 'structure', message: `'${args.type}' is not an R4 resource type` }, path);
  } else if (args.top) {
    report(ctx, { code: 'not-supported', message: `${args.type} is not a supported resource type` }, path);
  } else {
    const message = `${args.type} is not a supported resource type; its content was not validated`;
    report(ctx, { severity: 'warning', code: 'not-supported', message }, path);
  }
}
