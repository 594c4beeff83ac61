/**
 * Turns a parsed FHIRPath subset into a closure over plain JSON, built once at start-up (no code
 * generation from strings). Collections are arrays; a FHIR choice element is found by its prefix
 * (`value` → `valueQuantity`). Cases whose result depends on type information this evaluator
 * does not have (ordering of non-primitive values, multi-item booleans) throw
 * {@link UnsupportedFhirPath} at run time so the caller can defer to fhirpath.js.
 * @see https://hl7.org/fhirpath/N1/#functions
 * @module
 */
import { UnsupportedFhirPath, type FhirPathAst } from './parse-fhirpath.js';
import { FUNCTIONS, type Evaluate } from './functions.js';

/** Evaluation input: the focus collection, `$this`, and `%` variables. */
export interface Scope {
  readonly focus: readonly unknown[];
  readonly self: unknown;
  readonly vars: Readonly<Record<string, unknown>>;
}

/** A compiled expression. */
export type Compiled = (scope: Scope) => unknown[];

/** Compiles `ast`; throws {@link UnsupportedFhirPath} for a function outside the subset. */
export function compileAst(ast: FhirPathAst): Compiled {
  switch (ast.k) {
    case 'lit':
      return ast.v === null ? () => [] : () => [ast.v];
    case 'this':
      return (s) => (s.self === undefined ? [] : [s.self]);
    case 'var':
      return (s) => toCollection(s.vars[ast.name]);
    case 'name': {
      const from = ast.from ? compileAst(ast.from) : undefined;
      const name = ast.name;
      return (s) => navigate(from ? from(s) : s.focus, name);
    }
    case 'idx': {
      const [from, index] = [compileAst(ast.from), compileAst(ast.index)];
      return (s) => {
        const i = index(s)[0];
        const item = typeof i === 'number' ? from(s)[i] : undefined;
        return item === undefined ? [] : [item];
      };
    }
    case 'fn':
      return compileFunction(ast);
    case 'bin':
      return compileBinary(ast.op, compileAst(ast.l), compileAst(ast.r));
  }
}

function compileFunction(ast: Extract<FhirPathAst, { k: 'fn' }>): Compiled {
  if (ast.name === 'ofType') return compileOfType(ast);
  const fn = FUNCTIONS[`${ast.name}/${ast.args.length}`] ?? FUNCTIONS[ast.name];
  if (!fn || fn.arity !== ast.args.length) throw new UnsupportedFhirPath(`function ${ast.name}/${ast.args.length}`);
  const from = ast.from ? compileAst(ast.from) : undefined;
  const args = ast.args.map(compileAst);
  const evalArg: Evaluate = (i, item, s) => args[i]!({ focus: [item], self: item, vars: s.vars });
  return (s) => fn.run(from ? from(s) : s.focus, { args, evalArg, scope: s });
}

/**
 * `choice.ofType(T)` on a choice element reads the JSON property `choiceT`; `x.ofType(T)` on
 * resources keeps those with `resourceType` T. Anything else needs type information: abstain.
 */
function compileOfType(ast: Extract<FhirPathAst, { k: 'fn' }>): Compiled {
  const [arg] = ast.args;
  const from = ast.from;
  if (ast.args.length !== 1 || arg?.k !== 'name' || arg.from || from?.k !== 'name') {
    throw new UnsupportedFhirPath('ofType outside choice.ofType(Type)');
  }
  const parent = from.from ? compileAst(from.from) : undefined;
  const choiceKey = from.name + arg.name[0]!.toUpperCase() + arg.name.slice(1);
  const type = arg.name;
  return (s) => {
    const input = parent ? parent(s) : s.focus;
    const byKey = navigateExact(input, choiceKey);
    if (byKey.length > 0) return byKey;
    const items = navigate(input, from.name);
    if (items.every((v) => typeof v === 'object' && v !== null && 'resourceType' in v)) {
      return items.filter((v) => (v as { resourceType: unknown }).resourceType === type);
    }
    throw new UnsupportedFhirPath('ofType on values without type information');
  };
}

function navigateExact(input: readonly unknown[], key: string): unknown[] {
  const out: unknown[] = [];
  for (const item of input) {
    const value = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[key] : undefined;
    // A loop, not push(...array): an array of 150,000 items would exceed the argument limit.
    if (Array.isArray(value)) {
      for (const v of value) if (v !== null && v !== undefined) out.push(v);
    } else if (value !== undefined && value !== null) out.push(value);
  }
  return out;
}

/** Navigates `name` on every object of `input`, flattening arrays and resolving choice types. */
export function navigate(input: readonly unknown[], name: string): unknown[] {
  const out: unknown[] = [];
  for (const item of input) {
    if (typeof item !== 'object' || item === null) continue;
    const value = childValue(item as Record<string, unknown>, name);
    if (Array.isArray(value)) {
      for (const v of value) if (v !== null && v !== undefined) out.push(v);
    } else if (value !== undefined && value !== null) out.push(value);
  }
  return out;
}

/** The value of `obj` named `name` in FHIRPath: its property, or the choice `name[x]` it holds. */
export function childValue(obj: Record<string, unknown>, name: string): unknown {
  const value = obj[name];
  return value === undefined ? choiceValue(obj, name) : value;
}

function choiceValue(obj: Record<string, unknown>, name: string): unknown {
  for (const key in obj) {
    const next = key.charCodeAt(name.length);
    if (key.startsWith(name) && next >= 65 && next <= 90) return obj[key];
  }
  return undefined;
}

function toCollection(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Singleton boolean evaluation: [] → undefined, [b] → b, [non-boolean] → true. */
export function asBoolean(c: readonly unknown[]): boolean | undefined {
  if (c.length === 0) return undefined;
  if (c.length > 1) throw new UnsupportedFhirPath('boolean of a multi-item collection');
  return typeof c[0] === 'boolean' ? c[0] : true;
}

function wrap(b: boolean | undefined): unknown[] {
  return b === undefined ? [] : [b];
}

function compileBinary(op: string, l: Compiled, r: Compiled): Compiled {
  switch (op) {
    case 'and':
      return (s) => wrap(and3(asBoolean(l(s)), asBoolean(r(s))));
    case 'or':
      return (s) => wrap(or3(asBoolean(l(s)), asBoolean(r(s))));
    case 'xor':
      return (s) => {
        const [a, b] = [asBoolean(l(s)), asBoolean(r(s))];
        return a === undefined || b === undefined ? [] : [a !== b];
      };
    case 'implies':
      return (s) => {
        const a = asBoolean(l(s));
        if (a === false) return [true];
        const b = asBoolean(r(s));
        return a === true ? wrap(b) : b === true ? [true] : [];
      };
    case '|':
      return (s) => union(l(s), r(s));
    default:
      return compileValueOperator(op, l, r);
  }
}

function and3(a: boolean | undefined, b: boolean | undefined): boolean | undefined {
  if (a === false || b === false) return false;
  return a === true && b === true ? true : undefined;
}

function or3(a: boolean | undefined, b: boolean | undefined): boolean | undefined {
  if (a === true || b === true) return true;
  return a === false && b === false ? false : undefined;
}

/** Union without duplicates (by JSON value). */
export function union(a: readonly unknown[], b: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const item of [...a, ...b]) if (!out.some((o) => deepEqual(o, item))) out.push(item);
  return out;
}

/** Structural equality of two JSON values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function compileValueOperator(op: string, l: Compiled, r: Compiled): Compiled {
  if (op === 'in' || op === 'contains') {
    const [item, list] = op === 'in' ? [l, r] : [r, l];
    return (s) => {
      const x = item(s);
      if (x.length === 0) return [];
      if (x.length > 1) throw new UnsupportedFhirPath('membership of a multi-item collection');
      return [list(s).some((y) => deepEqual(x[0], y))];
    };
  }
  if (op === '=' || op === '!=') {
    return (s) => {
      const [a, b] = [l(s), r(s)];
      if (a.length === 0 || b.length === 0) return [];
      const equal = a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
      return [op === '=' ? equal : !equal];
    };
  }
  if (op === '+' || op === '&') return (s) => concat(op, l(s), r(s));
  if (op === '<' || op === '<=' || op === '>' || op === '>=') return (s) => compare(op, l(s), r(s));
  throw new UnsupportedFhirPath(`operator ${op}`);
}

function concat(op: string, a: unknown[], b: unknown[]): unknown[] {
  if (op === '+' && (a.length === 0 || b.length === 0)) return [];
  const [x, y] = [a[0] ?? '', b[0] ?? ''];
  if (typeof x !== 'string' || typeof y !== 'string') throw new UnsupportedFhirPath('non-string +');
  return [x + y];
}

function compare(op: string, a: unknown[], b: unknown[]): unknown[] {
  if (a.length === 0 || b.length === 0) return [];
  const [x, y] = [a[0], b[0]];
  // Strings may be dates or times, whose ordering needs precision rules: leave them to fhirpath.js.
  if (typeof x !== 'number' || typeof y !== 'number' || a.length > 1 || b.length > 1) {
    throw new UnsupportedFhirPath('ordering of non-numbers');
  }
  return [op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y];
}
