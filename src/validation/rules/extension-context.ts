/**
 * Where an extension is: the site its context is matched against. R4 contexts of type `element`
 * name a resource or datatype (`Patient`, `Address`, `string`), an element path (`Patient.contact`,
 * `HumanName.family`, `Questionnaire.item.item`), or `Element` (anywhere); `Resource` and
 * `DomainResource` match any resource. A site matches when its type name or its element path is
 * one of the contexts.
 * @see https://hl7.org/fhir/R4/extensibility.html#context
 * @see https://hl7.org/fhir/R4/structuredefinition-definitions.html#StructureDefinition.context
 * @module
 */
import { pathText, type WalkPath } from '../walk-path.js';

/** The element an extension is placed on. */
export interface ExtensionSite {
  /** Type of the element: a resource or datatype name, a primitive type, or (backbone) its path. */
  typeName: string;
  /** Path of the element in its resource's definition, without indexes (`Patient.contact.address`). */
  elementPath: string;
  /** For a primitive, its path in the type that declares it (`HumanName.family`). */
  declaredPath?: string | undefined;
  /** True when the extension sits on a resource itself. */
  isResource: boolean;
}

const ANYWHERE = 'Element';
const ANY_RESOURCE = new Set(['Resource', 'DomainResource']);

/** True when one of `contexts` allows an extension at `site`. */
export function contextAllows(contexts: readonly string[], site: ExtensionSite): boolean {
  for (const context of contexts) {
    if (context === ANYWHERE || context === site.typeName || context === site.elementPath) return true;
    if (context === site.declaredPath) return true;
    if (site.isResource && ANY_RESOURCE.has(context)) return true;
  }
  return false;
}

/**
 * The definition path of an object at FHIRPath `path` inside the resource of type `resourceType`
 * found at `resourcePath`: `Bundle.entry[0].resource.contact[1]` → `Patient.contact`. Only
 * computed when an extension is present, so the walk pays nothing for it otherwise.
 */
export function elementPathOf(path: WalkPath, resourcePath: WalkPath, resourceType: string): string {
  // The walk's steps name their JSON keys: read them up to the resource, without joining the path.
  let tail = '';
  let at = path;
  while (typeof at !== 'string' && at !== resourcePath) {
    tail = `.${at.key.charCodeAt(0) === 95 ? at.key.slice(1) : at.key}${tail}`;
    at = at.parent;
  }
  if (at === resourcePath) return resourceType + tail;
  const text = pathText(path);
  const resourceText = pathText(resourcePath);
  tail = text.startsWith(resourceText) ? text.slice(resourceText.length) : '';
  return resourceType + tail.replace(/\[\d+\]/g, '').replace(/\._/g, '.');
}
