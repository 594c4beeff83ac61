/**
 * The XHTML rules of R4 for `Narrative.div` (txt-1, txt-2): one root `div` in the XHTML
 * namespace, well-formed, only the basic HTML formatting elements and attributes, no active
 * content (scripts, forms, frames, objects, event handlers, `javascript:` and other active
 * URLs), and some non-whitespace content.
 * @see https://hl7.org/fhir/R4/narrative.html#xhtml
 * @see https://hl7.org/fhir/R4/narrative.html#invs
 * @module
 */
import { tokenizeXhtml, type XhtmlToken } from './tokenize-xhtml.js';

/** The only namespace the root `div` may declare. */
export const XHTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

/** Elements of HTML 4.0 chapters 7–11 and 15 (no forms, frames, scripts, objects), as R4 lists them. */
const ELEMENTS = new Set(
  (
    'p br div h1 h2 h3 h4 h5 h6 a span b em i strong small big tt dfn q var abbr acronym cite blockquote hr ' +
    'address bdo kbd sub sup ul ol li dl dt dd pre table caption colgroup col thead tr tfoot tbody th td code ' +
    'samp img u s strike del ins center font'
  ).split(' '),
);

/** Attributes of those elements that carry no behaviour. */
const ATTRIBUTES = new Set(
  (
    'title style class id lang xml:lang dir accesskey tabindex span width height align valign char charoff ' +
    'abbr axis headers scope rowspan colspan border cellpadding cellspacing summary frame rules href name ' +
    'src alt shape coords usemap start type value compact nowrap bgcolor color size face cite datetime clear'
  ).split(' '),
);

/** URL schemes that run code or smuggle a document: never in `href` or `src`. */
const ACTIVE_SCHEMES = ['javascript:', 'vbscript:', 'livescript:', 'data:'];

/** At most this many problems are reported per narrative (a hostile one could have millions). */
const MAX_PROBLEMS = 10;

/**
 * The last narrative checked and its problems. The walk checks a `div` as a primitive and then
 * evaluates txt-1 and txt-2 on the same string (narrative-invariants.ts); this one-entry memo
 * makes that one tokenization. It holds only a string and its frozen result, never per-request
 * state that could leak: the same input always gives the same answer.
 */
let last: { div: string; problems: readonly string[] } | undefined;

/** Checks the narrative `div`; returns the problems found (messages), empty when it is safe and valid. */
export function checkNarrativeXhtml(div: string): readonly string[] {
  if (last?.div !== div) last = { div, problems: Object.freeze(scanNarrative(div)) };
  return last.problems;
}

function scanNarrative(div: string): string[] {
  const state: NarrativeState = { problems: [], open: [], rootSeen: false, content: false };
  tokenizeXhtml(div, (token) => {
    visit(state, token);
    return state.problems.length < MAX_PROBLEMS;
  });
  if (state.problems.length === 0) finish(state);
  return state.problems;
}

interface NarrativeState {
  problems: string[];
  /** Names of the open elements, innermost last (an explicit stack: no recursion). */
  open: string[];
  rootSeen: boolean;
  /** Non-whitespace text or an image was seen (txt-2). */
  content: boolean;
}

function visit(state: NarrativeState, token: XhtmlToken): void {
  switch (token.kind) {
    case 'malformed':
      return void state.problems.push(token.message);
    case 'text':
      if (/[^ \t\r\n]/.test(token.text)) {
        if (state.open.length === 0) state.problems.push('Text outside the root <div> is not allowed');
        state.content = true;
      }
      return;
    case 'open':
      return openElement(state, token);
    case 'close':
      return closeElement(state, token.name);
  }
}

function openElement(state: NarrativeState, token: Extract<XhtmlToken, { kind: 'open' }>): void {
  const { problems } = state;
  if (!state.rootSeen) checkRoot(state, token);
  else if (state.open.length === 0) problems.push(`<${token.name}> after the root <div> closed: only one root`);
  if (!ELEMENTS.has(token.name)) problems.push(`The element <${token.name}> is not allowed in a narrative`);
  for (const [name, value] of token.attributes) checkAttribute(state, token.name, name, value);
  if (token.name === 'img') state.content = true;
  if (!token.selfClosing) state.open.push(token.name);
}

function checkRoot(state: NarrativeState, token: Extract<XhtmlToken, { kind: 'open' }>): void {
  state.rootSeen = true;
  if (token.name !== 'div') state.problems.push(`The narrative's root element must be <div>, not <${token.name}>`);
  const xmlns = token.attributes.find(([name]) => name === 'xmlns')?.[1];
  if (xmlns !== XHTML_NAMESPACE) {
    state.problems.push(`The root <div> must declare xmlns="${XHTML_NAMESPACE}"`);
  }
}

function checkAttribute(state: NarrativeState, element: string, name: string, value: string): void {
  const lower = name.toLowerCase();
  if (lower === 'xmlns' && state.open.length === 0) return;
  if (lower.startsWith('on')) {
    state.problems.push(`The event handler attribute '${name}' on <${element}> is not allowed`);
  } else if (!ATTRIBUTES.has(name)) {
    state.problems.push(`The attribute '${name}' on <${element}> is not allowed in a narrative`);
  } else if ((lower === 'href' || lower === 'src' || lower === 'cite') && isActiveUrl(value, element)) {
    state.problems.push(`The ${name} of <${element}> uses an active URL scheme, which is not allowed`);
  } else if (lower === 'style' && hasActiveStyle(value)) {
    state.problems.push(`The style of <${element}> refers to external or active content, which is not allowed`);
  }
}

/**
 * True when a style attribute can run code or fetch something: CSS expressions, behaviours,
 * imports, or a `url(…)` other than an inline raster image (which the R4 examples use).
 */
function hasActiveStyle(value: string): boolean {
  // Every active form needs '(' or '@', spelled plainly or as an entity or CSS escape.
  if (!/[(@&\\]/.test(value)) return false;
  const style = decode(value).replace(BLANKS, '').toLowerCase();
  if (/expression\(|javascript:|vbscript:|@import|behavior:|-moz-binding/.test(style)) return true;
  for (const match of style.matchAll(/url\(["']?([^)]*)/g)) {
    const target = match[1]!;
    if (!target.startsWith('data:image/') || target.startsWith('data:image/svg')) return true;
  }
  return false;
}

// eslint-disable-next-line no-control-regex -- control characters are what must go
const BLANKS = /[\u0000-\u0020\u007f-\u00a0]+/g;

/** True for `javascript:` and the like, however it is spelled with entities, case and blanks. */
function isActiveUrl(value: string, element: string): boolean {
  // Browsers drop control characters and blanks inside a scheme: "java\tscript:" still runs.
  const url = decode(value).replace(BLANKS, '').toLowerCase();
  // An image may be inline data (data:image/png;base64,…); nothing else may use data:.
  if (element === 'img' && url.startsWith('data:image/') && !url.startsWith('data:image/svg')) return false;
  return ACTIVE_SCHEMES.some((scheme) => url.startsWith(scheme));
}

/** Decodes numeric character references and the few named ones that can spell a scheme. */
function decode(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

const NAMED: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  colon: ':',
  tab: '\t',
  newline: '\n',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
});

function closeElement(state: NarrativeState, name: string): void {
  const top = state.open.pop();
  if (top !== name) {
    state.problems.push(top ? `</${name}> closes <${top}>: the XHTML is not well-formed` : `</${name}> closes nothing`);
  }
}

function finish(state: NarrativeState): void {
  if (!state.rootSeen) state.problems.push('The narrative has no root <div> element');
  else if (state.open.length > 0) state.problems.push(`<${state.open.at(-1)}> is never closed`);
  else if (!state.content) state.problems.push('The narrative has no non-whitespace content (txt-2)');
}
