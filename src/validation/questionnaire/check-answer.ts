/**
 * One answer of a QuestionnaireResponse item against its item definition: the value type the
 * item's `type` takes, membership in its `answerOption` list or in its `answerValueSet` (when the
 * validator has that value set expanded), and `maxLength`.
 * @see https://hl7.org/fhir/R4/questionnaireresponse.html (answer types per item type)
 * @see https://hl7.org/fhir/R4/valueset-item-type.html
 * @module
 */
import type { IssueCode } from '../../fhir/outcome.js';
import type { LinkedValueSet } from '../model/link-model.js';
import { sameCoding } from './enable-when.js';
import type { ItemDefinition } from './questionnaire-items.js';

type Json = Record<string, unknown>;

/** The answer value type each R4 item type takes (`group` and `display` take none). */
const ANSWER_TYPES: Readonly<Record<string, readonly string[]>> = {
  boolean: ['Boolean'],
  decimal: ['Decimal'],
  integer: ['Integer'],
  date: ['Date'],
  dateTime: ['DateTime'],
  time: ['Time'],
  string: ['String'],
  text: ['String'],
  url: ['Uri'],
  choice: ['Coding'],
  'open-choice': ['Coding', 'String'],
  attachment: ['Attachment'],
  reference: ['Reference'],
  quantity: ['Quantity'],
};

/** A problem found in one answer; the caller locates and reports it. */
export interface AnswerProblem {
  code: IssueCode;
  message: string;
}

/** Looks up a value set expanded at build time. */
export type ValueSetLookup = (url: string) => LinkedValueSet | undefined;

/** The value types an item takes: its type's, and for choices, those of its options too. */
function allowedTypes(definition: ItemDefinition): readonly string[] | undefined {
  const base = ANSWER_TYPES[definition.type];
  if (!base || (definition.type !== 'choice' && definition.type !== 'open-choice')) return base;
  const fromOptions = definition.options.map((o) => o.type);
  return [...new Set([...base, ...fromOptions])];
}

/** The problem with answer value `{type, value}` for `definition`, or undefined when it fits. */
export function answerProblem(
  definition: ItemDefinition,
  answer: { type: string; value: unknown },
  valueSet: ValueSetLookup,
): AnswerProblem | undefined {
  const allowed = allowedTypes(definition);
  // `question` (abstract) or an unknown type: nothing to compare with.
  if (allowed === undefined) return undefined;
  if (!allowed.includes(answer.type)) {
    const names = allowed.map((t) => `value${t}`).join(' or ');
    return {
      code: 'structure',
      message: `Item '${definition.linkId}' is of type ${definition.type} and takes ${names}, not value${answer.type}`,
    };
  }
  if (definition.options.length > 0) return optionProblem(definition, answer);
  if (definition.answerValueSet !== undefined && answer.type === 'Coding')
    return valueSetProblem(definition, answer.value as Json, valueSet);
  if (
    definition.maxLength !== undefined &&
    typeof answer.value === 'string' &&
    answer.value.length > definition.maxLength
  )
    return { code: 'value', message: `Item '${definition.linkId}' allows at most ${definition.maxLength} characters` };
  return undefined;
}

function optionProblem(
  definition: ItemDefinition,
  answer: { type: string; value: unknown },
): AnswerProblem | undefined {
  const matches = definition.options.some((option) => {
    if (option.type !== answer.type) return false;
    if (answer.type === 'Coding') return sameCoding(option.value as Json, answer.value as Json);
    if (answer.type === 'Reference') return (option.value as Json)?.reference === (answer.value as Json)?.reference;
    return option.value === answer.value;
  });
  // open-choice: free text is the point of the item.
  if (matches || (definition.type === 'open-choice' && answer.type === 'String')) return undefined;
  return {
    code: answer.type === 'Coding' ? 'code-invalid' : 'value',
    message: `${shown(answer)} is not one of the answerOption values of item '${definition.linkId}'`,
  };
}

function valueSetProblem(
  definition: ItemDefinition,
  coding: Json,
  valueSet: ValueSetLookup,
): AnswerProblem | undefined {
  const expanded = valueSet(definition.answerValueSet!);
  // A value set the build did not expand (SNOMED CT, LOINC…) cannot be checked here.
  if (!expanded || typeof coding.code !== 'string') return undefined;
  const found =
    typeof coding.system === 'string'
      ? expanded.pairs.has(`${coding.system}|${coding.code}`)
      : expanded.codes.has(coding.code);
  if (found) return undefined;
  return {
    code: 'code-invalid',
    message: `${shown({ type: 'Coding', value: coding })} is not in the answerValueSet ${definition.answerValueSet} of item '${definition.linkId}'`,
  };
}

function shown(answer: { type: string; value: unknown }): string {
  if (answer.type === 'Coding') {
    const coding = answer.value as Json;
    return `'${coding.system ? `${String(coding.system)}|` : ''}${String(coding.code)}'`;
  }
  return typeof answer.value === 'object' ? `The ${answer.type}` : `'${String(answer.value)}'`;
}
