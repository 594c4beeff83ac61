/**
 * A fast evaluator for the search expressions that are plain element paths
 * (`Patient.name.family`, `(Observation.value as Quantity)`, unions of such), walking the JSON
 * with the R4 model of fhirpath.js instead of the general interpreter. About two thirds of the
 * R4 expressions qualify, plus the two common `where()` filters (`telecom.where(system='email')`
 * and the generated reference type check `where(reference.startsWith('Patient/') or …)`, which
 * fhirpath.js took ~10–90 µs per resource to run); the rest (exists(), …) keep the compiled FHIRPath.
 * `simple-path.test.ts` checks both give the same values on the official R4 examples.
 * @see https://hl7.org/fhir/R4/fhirpath.html
 * @module
 */
import r4 from 'fhirpath/fhir-context/r4';
import type { PathValue } from './search-parameter-registry.js';

interface Model {
  path2Type: Record<string, string>;
  choiceTypePaths: Record<string, string[]>;
  /** A FHIR type's parent (`code` → `string`), for `as` on types that have subtypes. */
  type2Parent: Record<string, string>;
}

const MODEL = r4 as unknown as Model;
const PART = /^\(?\s*([A-Z][A-Za-z]+(?:\.[a-z][A-Za-z]*)+)(?:\s+as\s+([A-Za-z]+))?\s*\)?$/;
/** `(Path as Type).tail`: a choice element cast to one of its types, then plain elements of that type. */
const CAST_TAIL = /^\(\s*([A-Z][A-Za-z]+(?:\.[a-z][A-Za-z]*)+)\s+as\s+([A-Za-z]+)\s*\)((?:\.[a-z][A-Za-z]*)+)$/;
/** `Path.where(filter)` with an optional plain tail (`.where(type='x').resource`). */
const WHERE_PART = /^([A-Z][A-Za-z]+(?:\.[a-z][A-Za-z]*)+)\.where\((.+)\)((?:\.[a-z][A-Za-z]*)*)$/;
/** `child='literal'`: FHIRPath `=` on a string is exact equality; an absent child drops the item. */
const EQUALS_FILTER = /^([a-z][A-Za-z]*)\s*=\s*'([^'\\]*)'$/;
/** The reference type check that gen:search writes for `where(resolve() is T)`. */
const REFERENCE_FILTER = /^reference\.startsWith\('([A-Za-z]+)\/'\) or reference\.contains\('\/([A-Za-z]+)\/'\)$/;

interface Step {
  name: string;
  /** Keeps only the items of this step that pass (a `where()`). */
  filter?: (item: unknown) => boolean;
  /** For a choice element: the allowed type suffixes (`Quantity`, `DateTime`…) and their FHIR types. */
  choices?: Choice[];
  /** The FHIR type of a non-choice element. */
  type?: string;
}

/** One type of a choice element: the key suffix (`DateTime`) and the FHIR type of its values (`dateTime`). */
interface Choice {
  suffix: string;
  fhirType: string;
}

/**
 * What a path that reaches nothing evaluates to. Most parameters of a type are absent from a
 * given resource, and every write evaluates all of them: one shared, frozen array instead of a
 * new one each time (callers only read the values).
 */
const NOTHING: readonly PathValue[] = Object.freeze([]);

/** `P.exists() and P != false` (Patient `deceased`): one boolean, true unless P is absent or false. */
const PRESENT_NOT_FALSE = /^([A-Z][A-Za-z]+(?:\.[a-z][A-Za-z]*)+)\.exists\(\) and ([A-Z][A-Za-z.]+) != false$/;

/** Compiles `expression` when it is a union of plain paths; `undefined` otherwise. */
export function compileSimplePath(expression: string): ((resource: unknown) => readonly PathValue[]) | undefined {
  const presence = PRESENT_NOT_FALSE.exec(expression);
  if (presence) return presence[1] === presence[2] ? compilePresentNotFalse(presence[1]!) : undefined;
  const parts = expression.split('|').map((p) => p.trim());
  const compiled: Step[][] = [];
  for (const part of parts) {
    const steps = compilePart(part);
    if (!steps) return undefined;
    compiled.push(steps);
  }
  // Every parameter of every write runs through here: no flatMap and its closure for one part.
  if (compiled.length === 1) {
    const only = compiled[0]!;
    return (resource) => walk(resource, only);
  }
  return (resource) => {
    const out: PathValue[] = [];
    for (const steps of compiled) for (const value of walk(resource, steps)) out.push(value);
    return out;
  };
}

function compilePresentNotFalse(path: string): ((resource: unknown) => readonly PathValue[]) | undefined {
  const steps = resolveSteps(path, undefined);
  if (!steps) return undefined;
  return (resource) => {
    const values = walk(resource, steps);
    // `!= false` is true for any other value or several values (different types are not equal).
    const result = values.length > 0 && !(values.length === 1 && values[0]!.data === false);
    return [{ data: result, fhirType: 'boolean' }];
  };
}

function compilePart(part: string): Step[] | undefined {
  const plain = PART.exec(part);
  if (plain) return resolveSteps(plain[1]!, plain[2]);
  const cast = CAST_TAIL.exec(part);
  if (cast) return resolveCastTail(cast[1]!, cast[2]!, cast[3]!.slice(1).split('.'));
  const where = WHERE_PART.exec(part);
  const filter = where ? compileFilter(where[2]!) : undefined;
  if (!where || !filter) return undefined;
  const steps = resolveSteps(`${where[1]}${where[3]}`, undefined);
  const filtered = steps?.[where[1]!.split('.').length - 2];
  // A choice step ends the walk early, so a filter on it (or past it) is left to fhirpath.js.
  if (!steps || !filtered || filtered.choices) return undefined;
  filtered.filter = filter;
  return steps;
}

function compileFilter(text: string): ((item: unknown) => boolean) | undefined {
  const equals = EQUALS_FILTER.exec(text);
  if (equals) {
    const [, name, literal] = equals;
    return (item) => (item as Record<string, unknown> | null)?.[name!] === literal;
  }
  const reference = REFERENCE_FILTER.exec(text);
  if (reference && reference[1] === reference[2]) {
    const [prefix, infix] = [`${reference[1]}/`, `/${reference[1]}/`];
    return (item) => {
      const value = (item as { reference?: unknown } | null)?.reference;
      return typeof value === 'string' && (value.startsWith(prefix) || value.includes(infix));
    };
  }
  return undefined;
}

/**
 * Primitive types with subtypes (canonical is a uri, code a string…): `as` one of them is left to
 * fhirpath.js, unless it casts a choice element none of whose other types is such a subtype
 * (`Observation.value as string`: value[x] has no code, id or markdown).
 */
const HAS_SUBTYPES = new Set(['uri', 'string', 'integer']);

/** True when the FHIR type `type` is `ancestor` or derives from it (`code` from `string`). */
function derivesFrom(type: string, ancestor: string): boolean {
  for (let t: string | undefined = type; t; t = MODEL.type2Parent[t]) if (t === ancestor) return true;
  return false;
}

/** Whether `as asType` on a choice element with `choices` (key suffixes) picks exactly one type. */
function castIsExact(choices: readonly string[], asType: string): boolean {
  if (!HAS_SUBTYPES.has(asType)) return true;
  return choices.filter((c) => derivesFrom(toChoice(c).fhirType, asType)).length <= 1;
}

/**
 * `(path as asType).tail`: the cast picks one type of a choice element, which is then a plain
 * element (`valueCodeableConcept`), and the tail walks that type's elements.
 */
function resolveCastTail(path: string, asType: string, tail: readonly string[]): Step[] | undefined {
  const steps = resolveSteps(path, asType);
  const cast = steps?.at(-1);
  if (!steps || !cast?.choices || cast.choices.length !== 1) return undefined;
  const { suffix, fhirType } = cast.choices[0]!;
  steps[steps.length - 1] = { name: `${cast.name}${suffix}`, type: fhirType };
  let type = fhirType;
  for (const name of tail) {
    const key = `${type}.${name}`;
    if (MODEL.choiceTypePaths[key] || !MODEL.path2Type[key]) return undefined;
    type = elementType(MODEL.path2Type[key]!);
    steps.push({ name, type });
  }
  return steps;
}

/** The FHIR type of an element as the model names it (`System.String` → `string`). */
function elementType(modelType: string): string {
  return modelType.replace(/^System\./, '').replace(/^String$/, 'string');
}

/** The steps of a plain path; with `asType`, only a path that ends in a choice element (cast to that type). */
function resolveSteps(path: string, asType: string | undefined): Step[] | undefined {
  const [root, ...names] = path.split('.');
  let fullPath = root!;
  let type = root!;
  const steps: Step[] = [];
  for (const [i, name] of names.entries()) {
    const keys = [`${fullPath}.${name}`, `${type}.${name}`];
    const choiceKey = keys.find((k) => MODEL.choiceTypePaths[k]);
    if (choiceKey) {
      let choices = MODEL.choiceTypePaths[choiceKey]!;
      if (i !== names.length - 1) return undefined;
      if (asType && !castIsExact(choices, asType)) return undefined;
      if (asType) choices = choices.filter((c) => c.toLowerCase() === asType.toLowerCase());
      steps.push({ name, choices: choices.map(toChoice) });
      return steps;
    }
    const typeKey = keys.find((k) => MODEL.path2Type[k]);
    if (!typeKey) return undefined;
    const next = MODEL.path2Type[typeKey]!;
    steps.push({ name, type: elementType(next) });
    fullPath = `${fullPath}.${name}`;
    type = next;
  }
  return asType ? undefined : steps;
}

/**
 * The values `steps` reach from `resource`. Allocation-lean: a path whose first element is absent
 * (the common case) allocates nothing, and a step that reaches nothing ends the walk.
 */
function walk(resource: unknown, steps: readonly Step[]): readonly PathValue[] {
  const first = steps[0];
  if (first && !first.choices && isAbsent((resource as Record<string, unknown> | null)?.[first.name])) return NOTHING;
  let nodes: unknown[] = [resource];
  let fhirType: string | null = null;
  for (const step of steps) {
    if (step.choices) return choiceValues(nodes, step.name, step.choices);
    const next: unknown[] = [];
    for (const node of nodes) {
      const value = (node as Record<string, unknown> | null)?.[step.name];
      // A loop, not push(...array): an array of 150,000 items would exceed the argument limit.
      if (Array.isArray(value)) pushPresent(next, value);
      else if (!isAbsent(value)) next.push(value);
    }
    nodes = step.filter ? next.filter(step.filter) : next;
    if (nodes.length === 0) return NOTHING;
    fhirType = step.type ?? null;
  }
  return nodes.map((data) => ({ data, fhirType }));
}

function isAbsent(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

/** Appends the non-null items of `items` to `out` (one by one, whatever the length). */
function pushPresent(out: unknown[], items: readonly unknown[]): void {
  for (const item of items) if (!isAbsent(item)) out.push(item);
}

/** The values of the choice element `name` of each node, typed by the suffix present. */
function choiceValues(nodes: readonly unknown[], name: string, choices: readonly Choice[]): readonly PathValue[] {
  let out: PathValue[] | undefined;
  for (const node of nodes) {
    for (const { suffix, fhirType } of choices) {
      const value = (node as Record<string, unknown> | null)?.[`${name}${suffix}`];
      if (isAbsent(value)) continue;
      out ??= [];
      if (!Array.isArray(value)) out.push({ data: value, fhirType });
      else for (const data of value) out.push({ data, fhirType });
    }
  }
  return out ?? NOTHING;
}

/** The FHIR type of a choice suffix: primitives start lower case (`DateTime` → `dateTime`). */
function toChoice(suffix: string): Choice {
  if (suffix === 'DateTime') return { suffix, fhirType: 'dateTime' };
  const primitive = /^[A-Z][a-z]+$/.test(suffix) && PRIMITIVE_CHOICES.has(suffix);
  return { suffix, fhirType: primitive ? suffix[0]!.toLowerCase() + suffix.slice(1) : suffix };
}

const PRIMITIVE_CHOICES = new Set([
  'String',
  'Boolean',
  'Integer',
  'Time',
  'Instant',
  'Date',
  'Decimal',
  'Uri',
  'Code',
  'Canonical',
  'Url',
  'Base64Binary',
  'Id',
  'Oid',
  'Uuid',
  'Markdown',
]);
