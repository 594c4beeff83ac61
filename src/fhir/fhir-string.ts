/**
 * The characters no FHIR string may hold, shared by the validator (which refuses them in what a
 * client sends) and the OperationOutcome builder (which replaces them in what it quotes back).
 * @see https://hl7.org/fhir/R4/datatypes.html#string
 * @module
 */

/**
 * Controls other than tab, LF and CR, and UTF-16 surrogates that are not part of a pair (not
 * Unicode characters, so not representable in UTF-8).
 */
export const FORBIDDEN_STRING_CHARACTER =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what it finds
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const EVERY_FORBIDDEN_CHARACTER = new RegExp(FORBIDDEN_STRING_CHARACTER.source, 'g');

/**
 * `text` as a valid FHIR string: messages and expressions may quote what a client sent (an
 * unknown element name, a bad value), which can hold lone surrogates or control characters;
 * those become U+FFFD so the OperationOutcome itself stays valid FHIR.
 */
export function toFhirString(text: string): string {
  const clean = text.replace(EVERY_FORBIDDEN_CHARACTER, '\ufffd');
  return clean.trim() === '' ? '(blank)' : clean;
}
