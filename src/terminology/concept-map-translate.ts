/**
 * ConceptMap translation, the core of `ConceptMap/$translate` and of the mappings: given a code
 * (and optionally its system and the wanted target), which codes do the maps give for it?
 * Pure and synchronous so that the mapping engine can call it per field without I/O.
 * @see https://hl7.org/fhir/R4/conceptmap-operation-translate.html
 * @see https://hl7.org/fhir/R4/conceptmap.html
 * @module
 */

/** One translation found in a ConceptMap. */
export interface TranslateMatch {
  /** How the found code relates to the input (reversed for `reverse`: wider becomes narrower). @see https://hl7.org/fhir/R4/valueset-concept-map-equivalence.html */
  equivalence: string;
  /** System of the found code (the group's target, or its source when reversed). */
  system: string;
  code: string;
  display?: string;
  /** Canonical url of the ConceptMap that gave the match. */
  conceptMap: string;
}

/** What to translate; `target` restricts to a target system or the map's target value set. */
export interface TranslateInput {
  /** System of the input code; when absent every group is searched. */
  system?: string;
  code: string;
  /** A target system (group.target) or the map's target value set (targetUri/targetCanonical). */
  target?: string;
  /** Search the maps backwards: which source codes map to this target code. */
  reverse?: boolean;
}

/**
 * Equivalences that read the other way round when a map is used backwards. If A is wider than B,
 * then B is narrower than A. The symmetric ones stay as they are.
 */
const REVERSED_EQUIVALENCE: Readonly<Record<string, string>> = {
  wider: 'narrower',
  narrower: 'wider',
  subsumes: 'specializes',
  specializes: 'subsumes',
};

/**
 * Translates one code through the given ConceptMaps, in map, group, element and target order.
 * Targets marked `unmatched` (no code) are not matches; `disjoint` ones are returned as they are,
 * so that the caller can tell "mapped to nothing" from "not in the map". A group's `unmapped`
 * rule (mode `provided` or `fixed`) answers when the group has no element for the code.
 * @see https://hl7.org/fhir/R4/conceptmap-operation-translate.html
 */
export function translateCode(maps: readonly fhir4.ConceptMap[], input: TranslateInput): TranslateMatch[] {
  const matches: TranslateMatch[] = [];
  for (const map of maps) {
    if (!map.url) continue;
    for (const group of map.group ?? []) {
      if (!groupFits(map, group, input)) continue;
      matches.push(...(input.reverse ? backwards(map.url, group, input.code) : forwards(map.url, group, input.code)));
    }
  }
  return matches;
}

function groupFits(map: fhir4.ConceptMap, group: fhir4.ConceptMapGroup, input: TranslateInput): boolean {
  const from = input.reverse ? group.target : group.source;
  const to = input.reverse ? group.source : group.target;
  if (input.system !== undefined && from !== input.system) return false;
  if (input.target === undefined) return true;
  const targetValueSet = input.reverse
    ? (map.sourceUri ?? map.sourceCanonical)
    : (map.targetUri ?? map.targetCanonical);
  return (
    to === input.target || (targetValueSet !== undefined && stripVersion(targetValueSet) === stripVersion(input.target))
  );
}

function forwards(conceptMap: string, group: fhir4.ConceptMapGroup, code: string): TranslateMatch[] {
  const elements = (group.element ?? []).filter((element) => element.code === code);
  if (elements.length === 0) return unmappedMatch(conceptMap, group, code);
  const matches: TranslateMatch[] = [];
  for (const element of elements) {
    for (const target of element.target ?? []) {
      if (target.code === undefined || group.target === undefined) continue;
      matches.push(
        match(conceptMap, target.equivalence, { system: group.target, code: target.code, display: target.display }),
      );
    }
  }
  return matches;
}

function backwards(conceptMap: string, group: fhir4.ConceptMapGroup, code: string): TranslateMatch[] {
  const matches: TranslateMatch[] = [];
  for (const element of group.element ?? []) {
    if (element.code === undefined || group.source === undefined) continue;
    for (const target of element.target ?? []) {
      if (target.code !== code) continue;
      const equivalence = REVERSED_EQUIVALENCE[target.equivalence] ?? target.equivalence;
      matches.push(
        match(conceptMap, equivalence, { system: group.source, code: element.code, display: element.display }),
      );
    }
  }
  return matches;
}

/** The group's fallback for codes it does not list; `other-map` needs another map and is left out. */
function unmappedMatch(conceptMap: string, group: fhir4.ConceptMapGroup, code: string): TranslateMatch[] {
  const unmapped = group.unmapped;
  if (!unmapped || group.target === undefined) return [];
  if (unmapped.mode === 'provided') return [match(conceptMap, 'equal', { system: group.target, code })];
  if (unmapped.mode === 'fixed' && unmapped.code !== undefined) {
    return [match(conceptMap, 'equivalent', { system: group.target, code: unmapped.code, display: unmapped.display })];
  }
  return [];
}

function match(
  conceptMap: string,
  equivalence: string,
  coding: { system: string; code: string; display?: string | undefined },
): TranslateMatch {
  const found: TranslateMatch = { equivalence, system: coding.system, code: coding.code, conceptMap };
  if (coding.display !== undefined) found.display = coding.display;
  return found;
}

function stripVersion(canonical: string): string {
  const bar = canonical.indexOf('|');
  return bar < 0 ? canonical : canonical.slice(0, bar);
}
