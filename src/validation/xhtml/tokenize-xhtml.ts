/**
 * A small iterative tokenizer for the XHTML of `Narrative.div`: start tags with their
 * attributes, end tags, text, comments and CDATA. No DOM and no recursion, so a hostile
 * narrative costs time linear in its length and cannot overflow the stack. Anything that is
 * not well-formed XML of that subset (a DOCTYPE, a processing instruction, an unquoted
 * attribute) is reported as a malformed token rather than guessed at.
 * @see https://hl7.org/fhir/R4/narrative.html#xhtml
 * @module
 */

/** One token of the narrative. */
export type XhtmlToken =
  | { kind: 'open'; name: string; attributes: [name: string, value: string][]; selfClosing: boolean }
  | { kind: 'close'; name: string }
  | { kind: 'text'; text: string }
  | { kind: 'malformed'; message: string };

const NAME = /[A-Za-z_][A-Za-z0-9_.:-]*/y;
const ATTRIBUTE = /\s+([A-Za-z_][A-Za-z0-9_.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const TAG_END = /\s*(\/?)>/y;
const CLOSE_TAG = /<\/([A-Za-z_][A-Za-z0-9_.:-]*)\s*>/y;

/** Calls `visit` with each token of `text` in order; stops when `visit` returns false. */
export function tokenizeXhtml(text: string, visit: (token: XhtmlToken) => boolean): void {
  let at = 0;
  while (at < text.length) {
    const lt = text.indexOf('<', at);
    if (lt !== at) {
      const end = lt < 0 ? text.length : lt;
      if (!visit({ kind: 'text', text: text.slice(at, end) })) return;
      at = end;
      continue;
    }
    const step = markup(text, at);
    if (!visit(step.token)) return;
    if (step.token.kind === 'malformed') return;
    at = step.next;
  }
}

/** The markup token that starts at `at` (a `<`) and where the text continues after it. */
function markup(text: string, at: number): { token: XhtmlToken; next: number } {
  if (text.startsWith('<!--', at)) return delimited(text, at + 4, '-->', () => ({ kind: 'text', text: '' }));
  if (text.startsWith('<![CDATA[', at)) {
    return delimited(text, at + 9, ']]>', (end) => ({ kind: 'text', text: text.slice(at + 9, end) }));
  }
  if (text.startsWith('<!', at) || text.startsWith('<?', at)) {
    return malformed('DOCTYPE, entity declarations and processing instructions are not allowed');
  }
  if (text.startsWith('</', at)) {
    CLOSE_TAG.lastIndex = at;
    const m = CLOSE_TAG.exec(text);
    return m ? { token: { kind: 'close', name: m[1]! }, next: CLOSE_TAG.lastIndex } : malformed('A malformed end tag');
  }
  return startTag(text, at);
}

function startTag(text: string, at: number): { token: XhtmlToken; next: number } {
  NAME.lastIndex = at + 1;
  const name = NAME.exec(text)?.[0];
  if (!name) return malformed("A '<' that does not start a tag (write &lt;)");
  let next = NAME.lastIndex;
  const attributes: [string, string][] = [];
  for (;;) {
    ATTRIBUTE.lastIndex = next;
    const m = ATTRIBUTE.exec(text);
    if (!m) break;
    attributes.push([m[1]!, m[2] ?? m[3] ?? '']);
    next = ATTRIBUTE.lastIndex;
  }
  TAG_END.lastIndex = next;
  const end = TAG_END.exec(text);
  if (!end) return malformed(`The tag <${name}> is malformed (attributes need quoted values)`);
  return { token: { kind: 'open', name, attributes, selfClosing: end[1] === '/' }, next: TAG_END.lastIndex };
}

function delimited(
  text: string,
  from: number,
  terminator: string,
  token: (end: number) => XhtmlToken,
): { token: XhtmlToken; next: number } {
  const end = text.indexOf(terminator, from);
  if (end < 0) return malformed(`An unterminated ${terminator === '-->' ? 'comment' : 'CDATA section'}`);
  return { token: token(end), next: end + terminator.length };
}

function malformed(message: string): { token: XhtmlToken; next: number } {
  return { token: { kind: 'malformed', message }, next: Infinity };
}
