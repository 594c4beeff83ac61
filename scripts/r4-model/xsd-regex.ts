/**
 * Translates the XML Schema regular expressions of the R4 `regex` extension into anchored
 * JavaScript regex source. XML Schema's `\s` is only space, tab, CR and LF, while JavaScript's
 * also matches Unicode spaces such as U+00A0, so a literal translation would reject valid strings.
 * @see https://www.w3.org/TR/xmlschema-2/#regexs
 * @see https://hl7.org/fhir/R4/extension-regex.html
 */

const XSD_SPACE = ' \\t\\n\\r';

/** Anchored JS regex source equivalent to the XML Schema pattern `xsd`. Throws on constructs it cannot map. */
export function xsdRegexToJs(xsd: string): string {
  let out = '';
  let inClass = false;
  let classHasNotSpace = false;
  let classStart = 0;
  for (let i = 0; i < xsd.length; i++) {
    const ch = xsd[i]!;
    if (ch === '\\') {
      const next = xsd[++i];
      if (next === 's') out += inClass ? XSD_SPACE : `[${XSD_SPACE}]`;
      else if (next === 'S' && !inClass) out += `[^${XSD_SPACE}]`;
      else if (next === 'S') classHasNotSpace = true;
      else out += `\\${next}`;
    } else if (ch === '[' && !inClass) {
      inClass = true;
      classHasNotSpace = false;
      classStart = out.length;
      out += ch;
    } else if (ch === ']' && inClass) {
      inClass = false;
      out = classHasNotSpace ? closeClassWithNotSpace(out, classStart) : out + ch;
    } else {
      out += ch;
    }
  }
  return `^(?:${out})$`;
}

/** A class holding every XML space plus `\S` matches any character; anything else is not mapped. */
function closeClassWithNotSpace(out: string, classStart: number): string {
  const members = out.slice(classStart + 1);
  const spaces = [' ', '\\t', '\\n', '\\r'];
  if (!spaces.every((s) => members.includes(s))) throw new Error(`cannot translate class [${members}\\S]`);
  return `${out.slice(0, classStart)}[\\s\\S]`;
}
