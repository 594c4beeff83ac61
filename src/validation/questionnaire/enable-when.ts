/**
 * `Questionnaire.item.enableWhen` and `enableBehavior`: whether an item is enabled given the
 * answers in the response. `exists` compares whether the question has an answer with
 * `answerBoolean`; `=` holds when some answer equals the condition's answer, `!=` when none does
 * (so also when there is no answer, as the R4 operator definitions say); `>`, `<`, `>=`, `<=`
 * hold when some answer compares so (numbers, Quantity values, and dates or times of one
 * precision). Several conditions combine by `enableBehavior` (`all` or `any`; `any` when absent,
 * which que-12 allows for two conditions).
 * @see https://hl7.org/fhir/R4/questionnaire-definitions.html#Questionnaire.item.enableWhen
 * @see https://hl7.org/fhir/R4/valueset-questionnaire-enable-operator.html
 * @module
 */
import type { ItemDefinition } from './questionnaire-items.js';
import { answersInScope, type ResponseAnswers, type Scope } from './response-answers.js';

type Json = Record<string, unknown>;

/** A value with its FHIR type: `valueInteger` / `answerInteger` both give `Integer`. */
interface Typed {
  type: string;
  value: unknown;
}

/** The `value[x]` (or `answer[x]`) of `holder`, typed by the key's suffix. */
export function typedValue(holder: Json, prefix: 'value' | 'answer'): Typed | undefined {
  for (const key in holder) {
    if (key.startsWith(prefix) && key.length > prefix.length)
      return { type: key.slice(prefix.length), value: holder[key] };
  }
  return undefined;
}

/** True when `definition` is enabled for a response item inside `scope`. */
export function isEnabled(definition: ItemDefinition, answers: ResponseAnswers, scope: Scope | undefined): boolean {
  if (definition.enableWhen.length === 0) return true;
  const holds = (condition: Json) => conditionHolds(condition, answers, scope);
  return definition.enableBehavior === 'all' ? definition.enableWhen.every(holds) : definition.enableWhen.some(holds);
}

function conditionHolds(condition: Json, answers: ResponseAnswers, scope: Scope | undefined): boolean {
  if (typeof condition.question !== 'string') return false;
  const given = answersInScope(answers, condition.question, scope).flatMap((a) => {
    const typed = typedValue(a, 'value');
    return typed ? [typed] : [];
  });
  const expected = typedValue(condition, 'answer');
  if (expected === undefined) return false;
  switch (condition.operator) {
    case 'exists':
      return expected.value === given.length > 0;
    case '=':
      return given.some((g) => equal(g, expected));
    case '!=':
      return !given.some((g) => equal(g, expected));
    case '>':
      return given.some((g) => (compare(g, expected) ?? 0) > 0);
    case '<':
      return given.some((g) => (compare(g, expected) ?? 0) < 0);
    case '>=':
      return given.some((g) => {
        const c = compare(g, expected);
        return c !== undefined && c >= 0;
      });
    case '<=':
      return given.some((g) => {
        const c = compare(g, expected);
        return c !== undefined && c <= 0;
      });
    default:
      return false;
  }
}

const NUMBERS = new Set(['Integer', 'Decimal']);

function equal(a: Typed, b: Typed): boolean {
  if (NUMBERS.has(a.type) && NUMBERS.has(b.type)) return a.value === b.value;
  if (a.type !== b.type) return false;
  if (a.type === 'Coding') return sameCoding(a.value as Json, b.value as Json);
  if (a.type === 'Quantity') return compare(a, b) === 0;
  if (a.type === 'Reference') return (a.value as Json)?.reference === (b.value as Json)?.reference;
  return a.value === b.value;
}

/** Codes equal, and systems equal when both name one. */
export function sameCoding(a: Json | undefined, b: Json | undefined): boolean {
  if (!a || !b || a.code !== b.code) return false;
  return a.system === undefined || b.system === undefined || a.system === b.system;
}

/** Sign of a − b, or undefined when the two do not compare. */
function compare(a: Typed, b: Typed): number | undefined {
  const x = comparable(a);
  const y = comparable(b);
  if (x === undefined || y === undefined || typeof x !== typeof y) return undefined;
  if (typeof x === 'string' && x.length !== (y as string).length) return undefined;
  return x < y ? -1 : x > y ? 1 : 0;
}

function comparable(typed: Typed): number | string | undefined {
  if (NUMBERS.has(typed.type)) return typeof typed.value === 'number' ? typed.value : undefined;
  if (typed.type === 'Quantity') {
    const value = (typed.value as Json | undefined)?.value;
    return typeof value === 'number' ? value : undefined;
  }
  if (['Date', 'DateTime', 'Time', 'String'].includes(typed.type))
    return typeof typed.value === 'string' ? typed.value : undefined;
  return undefined;
}
