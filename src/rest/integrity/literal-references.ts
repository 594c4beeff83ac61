/**
 * The literal references of a resource that must name a resource on this server: `Type/id` (or
 * `Type/id/_history/n`, which names the resource `Type/id`) where `Type` is a type this server
 * holds. Not checked here: absolute URLs (they may name another server), `#contained`, `urn:`
 * placeholders (a transaction resolves them first) and logical references (identifier only).
 * @see https://hl7.org/fhir/R4/references.html#literal
 * @see https://hl7.org/fhir/R4/references.html#logical
 * @module
 */
import { isSupportedResourceType } from '../../fhir/resource-types.js';

/** A literal reference to a resource this server holds, located in the resource. */
export interface LiteralReference {
  resourceType: string;
  id: string;
  /** FHIRPath of the Reference element, e.g. `Observation.subject` or `Encounter.participant[1].individual`. */
  expression: string;
}

/** `Type/id` with an optional `/_history/n`; the id rule of FHIR (1–64 of `A-Za-z0-9-.`). */
const RELATIVE_REFERENCE = /^([A-Z][A-Za-z]{0,63})\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/** The `Type/id` a reference string names on this server, or `undefined` when it is not checked here. */
export function localTarget(reference: string): { resourceType: string; id: string } | undefined {
  const match = RELATIVE_REFERENCE.exec(reference);
  if (!match || !isSupportedResourceType(match[1]!)) return undefined;
  return { resourceType: match[1]!, id: match[2]! };
}

/**
 * A node still to visit, with the way back to the root: its path is written out only for the
 * few nodes that hold a reference, not for every object of the resource.
 */
interface Pending {
  value: unknown;
  parent: Pending | undefined;
  /** The element name (a `_name` key already without its `_`), or the index in an array. */
  step: string | number;
}

/**
 * Every Reference (an object with a string `reference`) anywhere in `resource`, contained
 * resources and extensions included, whose target is local. An explicit stack rather than
 * recursion: a body may nest as deep as the JSON reader allows.
 */
export function literalReferencesOf(resource: fhir4.Resource): LiteralReference[] {
  const found: LiteralReference[] = [];
  const stack: Pending[] = [{ value: resource, parent: undefined, step: resource.resourceType }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const value = node.value;
    if (typeof value !== 'object' || value === null) continue;
    const object = value as Record<string, unknown>;
    if (typeof object.reference === 'string' && value !== resource) {
      const target = localTarget(object.reference);
      if (target) found.push({ ...target, expression: pathOf(node) });
    }
    // Children pushed in reverse, so they come off the stack in document order.
    const keys = Object.keys(object);
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k]!;
      const child = object[key];
      if (typeof child !== 'object' || child === null) continue;
      // `_birthDate` holds the extensions of the primitive `birthDate`: FHIRPath names it without `_`.
      const element: Pending = { value: child, parent: node, step: key.startsWith('_') ? key.slice(1) : key };
      if (!Array.isArray(child)) stack.push(element);
      else for (let i = child.length - 1; i >= 0; i--) stack.push({ value: child[i], parent: element, step: i });
    }
  }
  return found;
}

/** The FHIRPath of `node`: `Encounter.participant[1].individual`. A loop up the parents, no recursion. */
function pathOf(node: Pending): string {
  let path = '';
  for (let at: Pending | undefined = node; at; at = at.parent) {
    path = typeof at.step === 'number' ? `[${at.step}]${path}` : at.parent ? `.${at.step}${path}` : `${at.step}${path}`;
  }
  return path;
}
