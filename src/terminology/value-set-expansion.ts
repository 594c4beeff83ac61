/**
 * Expands a ValueSet's compose into the list of codes it contains: whole CodeSystems this server
 * holds, enumerated concepts of any system (SNOMED, LOINC, UCUM… included), filters on the
 * systems it holds, imported ValueSets, minus the excludes. What needs an external terminology
 * (all of SNOMED, a filter on LOINC) is an {@link ExpansionNotSupportedError} naming the part.
 * @see https://hl7.org/fhir/R4/valueset.html#expansion
 * @see https://hl7.org/fhir/R4/valueset-definitions.html#ValueSet.compose
 * @module
 */
import { conceptsOf, findConcept } from './code-system-concepts.js';
import { conceptMatchesFilter, isSupportedFilter } from './concept-filter.js';

/** Where the expansion finds the CodeSystems and ValueSets that a compose names by url. */
export interface TerminologySource {
  codeSystem(url: string, version?: string): Promise<fhir4.CodeSystem | undefined>;
  valueSet(url: string, version?: string): Promise<fhir4.ValueSet | undefined>;
}

/** One code of an expansion. */
export interface ExpansionConcept {
  system: string;
  version?: string;
  code: string;
  display?: string;
  designation?: fhir4.CodeSystemConceptDesignation[];
}

/** A part of the compose this server cannot expand; `element` locates it in the ValueSet. */
export class ExpansionNotSupportedError extends Error {
  readonly element: string;
  constructor(message: string, element: string) {
    super(message);
    this.name = 'ExpansionNotSupportedError';
    this.element = element;
  }
}

/** Imports deeper than this are taken for a cycle. */
const MAX_IMPORT_DEPTH = 10;

/**
 * The codes of `valueSet` in compose order, each once. A ValueSet without a compose but with an
 * expansion gives the codes of that expansion.
 */
export async function expandValueSet(
  valueSet: fhir4.ValueSet,
  source: TerminologySource,
  depth = 0,
): Promise<ExpansionConcept[]> {
  if (depth > MAX_IMPORT_DEPTH) {
    throw new ExpansionNotSupportedError(`ValueSet imports nest deeper than ${MAX_IMPORT_DEPTH}`, 'ValueSet.compose');
  }
  if (!valueSet.compose) return flattenContains(valueSet.expansion?.contains ?? []);
  const included = new Map<string, ExpansionConcept>();
  for (const [index, include] of valueSet.compose.include.entries()) {
    const where = `ValueSet.compose.include[${index}]`;
    for (const concept of await componentConcepts(include, source, { where, depth })) {
      if (!included.has(keyOf(concept))) included.set(keyOf(concept), concept);
    }
  }
  for (const [index, exclude] of (valueSet.compose.exclude ?? []).entries()) {
    const where = `ValueSet.compose.exclude[${index}]`;
    for (const concept of await componentConcepts(exclude, source, { where, depth })) included.delete(keyOf(concept));
  }
  return [...included.values()];
}

function keyOf(concept: { system: string; code: string }): string {
  return `${concept.system}|${concept.code}`;
}

interface Place {
  where: string;
  depth: number;
}

/** The codes of one include or exclude: its system part intersected with its imported ValueSets. */
async function componentConcepts(
  component: fhir4.ValueSetComposeInclude,
  source: TerminologySource,
  place: Place,
): Promise<ExpansionConcept[]> {
  const imported: ExpansionConcept[][] = [];
  for (const url of component.valueSet ?? []) imported.push(await importedConcepts(url, source, place));
  const system = component.system;
  let concepts =
    system !== undefined ? await systemConcepts({ ...component, system }, source, place.where) : imported.shift();
  for (const other of imported) {
    const keys = new Set(other.map(keyOf));
    concepts = concepts?.filter((c) => keys.has(keyOf(c)));
  }
  return concepts ?? [];
}

async function importedConcepts(url: string, source: TerminologySource, place: Place): Promise<ExpansionConcept[]> {
  const [bare, version] = splitCanonical(url);
  const imported = await source.valueSet(bare, version);
  if (!imported)
    throw new ExpansionNotSupportedError(`Imported ValueSet ${url} is not known here`, `${place.where}.valueSet`);
  return expandValueSet(imported, source, place.depth + 1);
}

/** The codes a component takes from its system: enumerated, filtered, or the whole system. */
async function systemConcepts(
  component: fhir4.ValueSetComposeInclude & { system: string },
  source: TerminologySource,
  where: string,
): Promise<ExpansionConcept[]> {
  const codeSystem = await source.codeSystem(component.system, component.version);
  if (component.concept?.length) return enumerated(component, codeSystem, where);
  if (!codeSystem || codeSystem.content !== 'complete') {
    const what = component.filter?.length ? 'a filter on' : 'all codes of';
    throw new ExpansionNotSupportedError(
      `Cannot expand ${what} ${component.system}: this server holds no complete CodeSystem for it`,
      component.filter?.length ? `${where}.filter` : `${where}.system`,
    );
  }
  const filters = component.filter ?? [];
  for (const [index, filter] of filters.entries()) {
    if (!isSupportedFilter(filter)) {
      throw new ExpansionNotSupportedError(
        `Filter '${filter.property} ${filter.op} ${filter.value}' on ${component.system} is not supported`,
        `${where}.filter[${index}]`,
      );
    }
  }
  const concepts: ExpansionConcept[] = [];
  for (const [code, flat] of conceptsOf(codeSystem)) {
    if (filters.every((filter) => conceptMatchesFilter(codeSystem, code, filter))) {
      concepts.push(fromCodeSystem(component.system, codeSystem, flat.concept));
    }
  }
  return concepts;
}

/** Enumerated concepts; where the system is held here, each must be one of its codes. */
function enumerated(
  component: fhir4.ValueSetComposeInclude & { system: string },
  codeSystem: fhir4.CodeSystem | undefined,
  where: string,
): ExpansionConcept[] {
  return (component.concept ?? []).map((listed, index) => {
    const held = codeSystem ? findConcept(codeSystem, listed.code)?.concept : undefined;
    if (codeSystem?.content === 'complete' && !held) {
      throw new ExpansionNotSupportedError(
        `Code '${listed.code}' is not in CodeSystem ${component.system}`,
        `${where}.concept[${index}].code`,
      );
    }
    const concept: ExpansionConcept = { system: component.system, code: listed.code };
    const version = component.version ?? codeSystem?.version;
    if (version !== undefined) concept.version = version;
    const display = listed.display ?? held?.display;
    if (display !== undefined) concept.display = display;
    const designation = [...(listed.designation ?? []), ...(held?.designation ?? [])];
    if (designation.length > 0) concept.designation = designation;
    return concept;
  });
}

function fromCodeSystem(system: string, codeSystem: fhir4.CodeSystem, held: fhir4.CodeSystemConcept): ExpansionConcept {
  const concept: ExpansionConcept = { system, code: held.code };
  if (codeSystem.version !== undefined) concept.version = codeSystem.version;
  if (held.display !== undefined) concept.display = held.display;
  if (held.designation?.length) concept.designation = held.designation;
  return concept;
}

function flattenContains(contains: readonly fhir4.ValueSetExpansionContains[]): ExpansionConcept[] {
  return contains.flatMap((entry) => {
    const nested = flattenContains(entry.contains ?? []);
    if (entry.system === undefined || entry.code === undefined || entry.abstract) return nested;
    const concept: ExpansionConcept = { system: entry.system, code: entry.code };
    if (entry.version !== undefined) concept.version = entry.version;
    if (entry.display !== undefined) concept.display = entry.display;
    if (entry.designation?.length) concept.designation = entry.designation;
    return [concept, ...nested];
  });
}

/** `url|version` split in two. */
export function splitCanonical(canonical: string): [string, string | undefined] {
  const bar = canonical.indexOf('|');
  return bar < 0 ? [canonical, undefined] : [canonical.slice(0, bar), canonical.slice(bar + 1)];
}
