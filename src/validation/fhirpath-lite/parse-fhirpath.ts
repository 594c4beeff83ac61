/**
 * Parser for the subset of FHIRPath that most R4 invariants use: paths, literals, `%vars`,
 * `$this`, indexers, function calls and the boolean, equality, comparison, membership, union
 * and `+`/`&` operators. Anything else (`is`, `as`, unary minus, quantities, dates) throws
 * {@link UnsupportedFhirPath} so the caller can use fhirpath.js instead.
 * @see https://hl7.org/fhirpath/N1/#grammar
 * @module
 */

/** Thrown for syntax outside the subset. */
export class UnsupportedFhirPath extends Error {}

/** A parsed expression. */
export type FhirPathAst =
  | { k: 'lit'; v: string | number | boolean | null }
  | { k: 'name'; from: FhirPathAst | undefined; name: string }
  | { k: 'fn'; from: FhirPathAst | undefined; name: string; args: FhirPathAst[] }
  | { k: 'idx'; from: FhirPathAst; index: FhirPathAst }
  | { k: 'var'; name: string }
  | { k: 'this' }
  | { k: 'bin'; op: string; l: FhirPathAst; r: FhirPathAst };

const TOKEN =
  /\s*(?:('(?:[^'\\]|\\.)*')|(\d+(?:\.\d+)?)|(`[^`]*`)|([A-Za-z_][A-Za-z0-9_]*)|(%[A-Za-z_][A-Za-z0-9_]*|\$this)|(<=|>=|!=|!~|[=~<>|+\-&*/()[\].,{}]))/y;

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let index = 0;
  while (index < source.length) {
    if (/^\s*$/.test(source.slice(index))) break;
    TOKEN.lastIndex = index;
    const m = TOKEN.exec(source);
    if (!m) throw new UnsupportedFhirPath(`cannot tokenize at ${index}`);
    tokens.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? m[6]!);
    index = TOKEN.lastIndex;
  }
  return tokens;
}

/** Binary operators by precedence level, lowest first. */
const LEVELS: readonly (readonly string[])[] = [
  ['implies'],
  ['or', 'xor'],
  ['and'],
  ['in', 'contains'],
  ['=', '!=', '~', '!~'],
  ['<', '<=', '>', '>='],
  ['|'],
  ['+', '&'],
];

/** Parses `source`; throws {@link UnsupportedFhirPath} outside the subset. */
export function parseFhirPath(source: string): FhirPathAst {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = () => tokens[pos];
  const take = (expected?: string): string => {
    const t = tokens[pos++];
    if (t === undefined || (expected !== undefined && t !== expected))
      throw new UnsupportedFhirPath(`expected ${expected}`);
    return t;
  };

  const binary = (level: number): FhirPathAst => {
    if (level === LEVELS.length) return postfix(term());
    let left = binary(level + 1);
    while (peek() !== undefined && LEVELS[level]!.includes(peek()!)) {
      const op = take();
      left = { k: 'bin', op, l: left, r: binary(level + 1) };
    }
    return left;
  };

  const call = (from: FhirPathAst | undefined, name: string): FhirPathAst => {
    if (peek() !== '(') return { k: 'name', from, name };
    take('(');
    const args: FhirPathAst[] = [];
    while (peek() !== ')') {
      args.push(binary(0));
      if (peek() === ',') take(',');
    }
    take(')');
    return { k: 'fn', from, name, args };
  };

  const term = (): FhirPathAst => {
    const t = take();
    if (t === '(') {
      const inner = binary(0);
      take(')');
      return inner;
    }
    if (t === '{') {
      take('}');
      return { k: 'lit', v: null };
    }
    if (t.startsWith("'")) return { k: 'lit', v: t.slice(1, -1).replace(/\\(.)/g, '$1') };
    if (/^\d/.test(t)) return { k: 'lit', v: Number(t) };
    if (t === 'true' || t === 'false') return { k: 'lit', v: t === 'true' };
    if (t === '$this') return { k: 'this' };
    if (t.startsWith('%')) return { k: 'var', name: t.slice(1) };
    if (/^[A-Za-z_`]/.test(t) && !['is', 'as', 'div', 'mod'].includes(t)) return call(undefined, unquote(t));
    throw new UnsupportedFhirPath(`unexpected ${t}`);
  };

  const postfix = (start: FhirPathAst): FhirPathAst => {
    let node = start;
    for (;;) {
      if (peek() === '.') {
        take('.');
        node = call(node, unquote(take()));
      } else if (peek() === '[') {
        take('[');
        node = { k: 'idx', from: node, index: binary(0) };
        take(']');
      } else {
        return node;
      }
    }
  };

  const ast = binary(0);
  if (pos !== tokens.length) throw new UnsupportedFhirPath(`unexpected ${tokens[pos]}`);
  return ast;
}

function unquote(t: string): string {
  if (t.startsWith('`')) return t.slice(1, -1);
  if (!/^[A-Za-z_]/.test(t)) throw new UnsupportedFhirPath(`bad name ${t}`);
  return t;
}
