/**
 * The local dictionaries are the source codes of the guide's ConceptMaps (`mis-*`): a new
 * dictionary value is an element added to the map, with no code change. Translation goes through
 * `translateCode` of the terminology module, the same code `ConceptMap/$translate` runs.
 * @see https://hl7.org/fhir/R4/conceptmap.html
 * @module
 */
import { igResources } from '../ig/ig-resources.js';
import { translateCode } from '../terminology/concept-map-translate.js';
import type { Dictionary } from './formats/field-types.js';

/** The guide's ConceptMaps by canonical url. */
export type ConceptMaps = ReadonlyMap<string, fhir4.ConceptMap>;

/** The guide's ConceptMaps. */
export function guideConceptMaps(): ConceptMaps {
  const maps = new Map<string, fhir4.ConceptMap>();
  for (const resource of igResources()) if (resource.resourceType === 'ConceptMap') maps.set(resource.url, resource);
  return maps;
}

/** Source codes of a ConceptMap keyed by their lower-cased spelling (empty for an unknown map). */
export function dictionaryOf(maps: ConceptMaps, url: string): Dictionary {
  const dictionary = new Map<string, string>();
  for (const group of maps.get(url)?.group ?? [])
    for (const element of group.element ?? []) if (element.code) dictionary.set(element.code.toLowerCase(), element.code);
  return dictionary;
}

/** A target code of a translation. */
export interface TranslatedCode {
  system: string;
  code: string;
  display?: string;
}

/** Translates a source code through one map into `target` (a code system); undefined when none. */
export function translateForward(maps: ConceptMaps, url: string, code: string, target: string): TranslatedCode | undefined {
  const map = maps.get(url);
  if (!map) return undefined;
  const match = translateCode([map], { code, target }).find((m) => m.equivalence !== 'disjoint' && m.equivalence !== 'unmatched');
  return match ? { system: match.system, code: match.code, ...(match.display ? { display: match.display } : {}) } : undefined;
}

/** The source code that a target code came from (reverse translation); undefined when none. */
export function translateBack(maps: ConceptMaps, url: string, system: string, code: string): string | undefined {
  const map = maps.get(url);
  if (!map) return undefined;
  return translateCode([map], { system, code, reverse: true }).find((m) => m.equivalence !== 'disjoint')?.code;
}
