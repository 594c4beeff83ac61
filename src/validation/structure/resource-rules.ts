/**
 * Rules of particular resource types that are not element rules: a table from resource type to
 * what the walk does on entering such a resource (the scope its content is checked in) and after
 * walking it. The walker stays generic; a type with whole-resource rules adds a row here.
 * @see https://hl7.org/fhir/R4/bundle.html#invs
 * @module
 */
import { checkBundle } from '../bundle/check-bundle.js';
import { bundleTypeRules } from '../bundle/bundle-type-rules.js';
import { bundleEntriesOf } from '../rules/check-reference.js';
import type { WalkContext } from '../walk-context.js';

type JsonObject = Record<string, unknown>;

/** Whole-resource rules of one type. */
export interface ResourceRule {
  /** Sets the scope the resource's content is checked in (the caller restores the outer one). */
  readonly enter?: (ctx: WalkContext, resource: JsonObject) => void;
  /** Runs after the resource's structural walk. */
  readonly check?: (ctx: WalkContext, resource: JsonObject, path: string) => void;
}

/** Rules by resource type. */
export const RESOURCE_RULES: Readonly<Record<string, ResourceRule>> = {
  Bundle: {
    // References inside a Bundle resolve against its entries, with its type's severities.
    enter(ctx, bundle) {
      ctx.bundleRules = bundleTypeRules(bundle.type);
      ctx.bundleEntries = bundleEntriesOf(bundle);
    },
    check: checkBundle,
  },
};

/** The rules of `type`, if it has any. */
export function resourceRuleOf(type: string): ResourceRule | undefined {
  return Object.hasOwn(RESOURCE_RULES, type) ? RESOURCE_RULES[type] : undefined;
}
