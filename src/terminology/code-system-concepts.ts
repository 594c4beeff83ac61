/**
 * The concepts of a CodeSystem as a flat list that remembers each concept's parent, and the
 * choice of a display in a language from the concept's designations (the guide gives every
 * concept a kk, ru and en designation).
 * @see https://hl7.org/fhir/R4/codesystem.html#hierarchy
 * @see https://hl7.org/fhir/R4/codesystem-definitions.html#CodeSystem.concept.designation
 * @module
 */

/** One concept of a CodeSystem, with the code of the concept it is nested in. */
export interface FlatConcept {
  concept: fhir4.CodeSystemConcept;
  /** Code of the enclosing concept (`concept.concept` nesting); absent at the top level. */
  parent?: string;
}

const flattened = new WeakMap<fhir4.CodeSystem, Map<string, FlatConcept>>();

/** Every concept of `codeSystem` by code, in document order, nested ones after their parent. */
export function conceptsOf(codeSystem: fhir4.CodeSystem): ReadonlyMap<string, FlatConcept> {
  let index = flattened.get(codeSystem);
  if (!index) {
    index = new Map();
    addConcepts(index, codeSystem.concept ?? [], undefined);
    flattened.set(codeSystem, index);
  }
  return index;
}

function addConcepts(
  index: Map<string, FlatConcept>,
  concepts: readonly fhir4.CodeSystemConcept[],
  parent: string | undefined,
): void {
  for (const concept of concepts) {
    index.set(concept.code, parent === undefined ? { concept } : { concept, parent });
    addConcepts(index, concept.concept ?? [], concept.code);
  }
}

/**
 * The concept with `code`; a CodeSystem that declares `caseSensitive: false` also matches the
 * code in another case.
 */
export function findConcept(codeSystem: fhir4.CodeSystem, code: string): FlatConcept | undefined {
  const index = conceptsOf(codeSystem);
  const exact = index.get(code);
  if (exact || codeSystem.caseSensitive !== false) return exact;
  const lower = code.toLowerCase();
  for (const [candidate, flat] of index) if (candidate.toLowerCase() === lower) return flat;
  return undefined;
}

/** True when `code` is `ancestor` itself or nested (at any depth) under it. */
export function isSelfOrDescendant(codeSystem: fhir4.CodeSystem, code: string, ancestor: string): boolean {
  const index = conceptsOf(codeSystem);
  for (let current: string | undefined = code; current !== undefined; current = index.get(current)?.parent) {
    if (current === ancestor) return true;
  }
  return false;
}

/**
 * The display of a concept in `language` (a designation whose language is the tag or starts
 * with it, `ru` matching `ru-KZ`), else its own display.
 */
export function displayIn(
  concept: { display?: string | undefined; designation?: readonly fhir4.CodeSystemConceptDesignation[] | undefined },
  language: string | undefined,
): string | undefined {
  if (language !== undefined) {
    const wanted = language.toLowerCase();
    const found = concept.designation?.find((d) => {
      const tag = d.language?.toLowerCase();
      return tag === wanted || tag?.startsWith(`${wanted}-`);
    });
    if (found) return found.value;
  }
  return concept.display;
}
