/**
 * Primitive type rules from the R4 definitions: the `regex` extension on each primitive's `value`
 * element, maxLength, plus the JSON representation and integer ranges, which the definitions do
 * not carry and which come from the R4 datatypes and JSON pages.
 * @see https://hl7.org/fhir/R4/datatypes.html#primitive
 * @see https://hl7.org/fhir/R4/json.html#primitive
 */
import { xsdRegexToJs } from './xsd-regex.js';

const REGEX_EXT = 'http://hl7.org/fhir/StructureDefinition/regex';
const INT32_MAX = 2147483647;

/** JSON kind per primitive (R4 json.html: booleans and the numeric types are JSON literals). */
const JSON_KIND: Record<string, 's' | 'n' | 'b'> = {
  boolean: 'b',
  integer: 'n',
  positiveInt: 'n',
  unsignedInt: 'n',
  decimal: 'n',
};

/** Inclusive ranges (R4 datatypes.html: integer is 32-bit, positiveInt ≥ 1, unsignedInt ≥ 0). */
const RANGES: Record<string, [number, number]> = {
  integer: [-INT32_MAX - 1, INT32_MAX],
  positiveInt: [1, INT32_MAX],
  unsignedInt: [0, INT32_MAX],
};

/** One primitive as TypeScript source text of a CompactPrimitive literal. */
export function primitiveSource(sd: fhir4.StructureDefinition): string {
  const value = sd.snapshot?.element.find((e) => e.path === `${sd.type}.value`);
  const regex = value?.type?.[0]?.extension?.find((x) => x.url === REGEX_EXT)?.valueString;
  const parts = [`j: '${JSON_KIND[sd.type] ?? 's'}'`];
  // Numbers are checked by value, not by their lexical form (JSON has already parsed them).
  if (regex && !JSON_KIND[sd.type]) parts.push(`r: /${xsdRegexToJs(regex).replaceAll('/', '\\/')}/`);
  const range = RANGES[sd.type];
  if (range) parts.push(`min: ${range[0]}`, `max: ${range[1]}`);
  if (value?.maxLength) parts.push(`l: ${value.maxLength}`);
  return `{ ${parts.join(', ')} }`;
}
