/**
 * The shape of one generated search parameter (see `npm run gen:search`).
 * @see https://hl7.org/fhir/R4/searchparameter.html
 * @module
 */

/** Parameter types the engine indexes. @see https://hl7.org/fhir/R4/search.html#ptypes */
export type SearchParamType = 'token' | 'string' | 'date' | 'reference' | 'quantity' | 'number' | 'uri';

/** One R4 SearchParameter, reduced to what indexing and searching need. */
export interface SearchParameterDefinition {
  code: string;
  type: string;
  /** FHIRPath rooted at the resource type this definition is listed under. */
  expression: string;
  /** Allowed target types of a reference parameter. */
  target?: readonly string[];
  /** Modifiers the engine supports for this parameter. */
  modifiers: readonly string[];
  /** The canonical URL of a parameter that is not R4's own (gateway-search-parameters.ts). */
  url?: string;
}
