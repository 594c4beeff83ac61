/**
 * A QuestionnaireResponse against its Questionnaire: a contained one (`#id`), or one the server
 * holds, fetched before validation by the REST layer (`questionnaires`, keyed by the canonical as
 * the response cites it). Checks, level by level with a queue (no recursion on request
 * paths; docs/limits.md): each item's linkId exists at that level of the Questionnaire, items
 * keep the Questionnaire's order, only repeating items repeat, answers have the item type's value
 * type and come from `answerOption` / `answerValueSet`, only question items have answers, an item
 * that `enableWhen` disables has none, and, when the response is `completed` or `amended`, every
 * enabled required item is answered (decision 019).
 * @see https://hl7.org/fhir/R4/questionnaireresponse.html
 * @see https://hl7.org/fhir/R4/questionnaire.html
 * @module
 */
import { report, type WalkContext } from '../walk-context.js';
import { answerProblem, type ValueSetLookup } from './check-answer.js';
import { isEnabled, typedValue } from './enable-when.js';
import {
  indexedQuestionnaire,
  type ItemDefinition,
  type ItemLevel,
  type QuestionnaireIndex,
} from './questionnaire-items.js';
import { indexResponseAnswers, type ResponseAnswers, type Scope } from './response-answers.js';

type Json = Record<string, unknown>;

/** What the check may consult. */
export interface QuestionnaireSources {
  /** Questionnaires the server holds, by the canonical a response cites; undefined: none were looked up. */
  questionnaires: ReadonlyMap<string, Record<string, unknown>> | undefined;
  valueSet: ValueSetLookup;
}

const NO_ANSWERS: ResponseAnswers = new Map();

/** Statuses of a response whose required items must be answered. */
const COMPLETE = new Set(['completed', 'amended']);

interface Walk {
  ctx: WalkContext;
  index: QuestionnaireIndex;
  answers: ResponseAnswers;
  sources: QuestionnaireSources;
  complete: boolean;
}

interface Frame {
  items: unknown;
  level: ItemLevel;
  /** FHIRPath of the `item` array: `QuestionnaireResponse.item[2].answer[0].item`. */
  path: string;
  /** The response items that enclose this level. */
  scope: Scope | undefined;
}

function objects(value: unknown): Json[] {
  return Array.isArray(value) ? (value.filter((v) => typeof v === 'object' && v !== null) as Json[]) : [];
}

/** Checks `response` (at FHIRPath `path`) against its Questionnaire, when it can be found. */
export function checkQuestionnaireResponse(
  ctx: WalkContext,
  response: Json,
  args: { path: string; sources: QuestionnaireSources },
): void {
  const questionnaire = findQuestionnaire(ctx, response, args);
  if (!questionnaire) return;
  const source = ctx.source;
  ctx.source = typeof questionnaire.url === 'string' ? questionnaire.url : source;
  const index = indexedQuestionnaire(questionnaire);
  const walk: Walk = {
    ctx,
    index,
    // Only enableWhen reads answers across items; without it the index is not built.
    answers: index.hasConditions ? indexResponseAnswers(response) : NO_ANSWERS,
    sources: args.sources,
    complete: COMPLETE.has(String(response.status)),
  };
  // A queue, not recursion: levels are checked in document order, outer before inner.
  const queue: Frame[] = [{ items: response.item, level: walk.index.top, path: `${args.path}.item`, scope: undefined }];
  for (let next = 0; next < queue.length; next++) checkLevel(walk, queue[next]!, queue);
  ctx.source = source;
}

function findQuestionnaire(
  ctx: WalkContext,
  response: Json,
  args: { path: string; sources: QuestionnaireSources },
): Json | undefined {
  const canonical = response.questionnaire;
  if (typeof canonical !== 'string') return undefined;
  const at = `${args.path}.questionnaire`;
  if (canonical.startsWith('#')) {
    const found = objects(response.contained).find((c) => c.id === canonical.slice(1));
    if (found?.resourceType === 'Questionnaire') return found;
    const message = found
      ? `${canonical} is a contained ${String(found.resourceType)}, not a Questionnaire`
      : `No contained resource has the id ${canonical.slice(1)}`;
    report(ctx, { code: found ? 'structure' : 'not-found', message }, at);
    return undefined;
  }
  const held = args.sources.questionnaires;
  if (!held) return undefined;
  const questionnaire = held.get(canonical);
  if (!questionnaire) {
    const message = `The server holds no Questionnaire ${canonical}, so the answers were not checked against it`;
    report(ctx, { severity: 'warning', code: 'not-found', message }, at);
  }
  return questionnaire;
}

/** Checks the items of one level and pushes the levels below them. */
function checkLevel(walk: Walk, frame: Frame, stack: Frame[]): void {
  const present = new Map<string, Json[]>();
  let lastPosition = -1;
  objects(frame.items).forEach((item, i) => {
    const path = `${frame.path}[${i}]`;
    const definition = definitionOf(walk, frame.level, item, path);
    if (!definition) return;
    const seen = present.get(definition.linkId) ?? [];
    if (seen.length === 0) present.set(definition.linkId, seen);
    if (definition.position < lastPosition) {
      const message = `Item '${definition.linkId}' comes before an item that precedes it in the Questionnaire`;
      report(walk.ctx, { code: 'structure', message }, path);
    }
    lastPosition = Math.max(lastPosition, definition.position);
    if (seen.length > 0 && !definition.repeats) {
      const message = `Item '${definition.linkId}' appears more than once but does not repeat`;
      report(walk.ctx, { code: 'structure', message }, path);
    }
    seen.push(item);
    checkItem(walk, { item, definition, path, scope: frame.scope }, stack);
  });
  if (walk.complete) checkRequired(walk, frame, present);
}

function definitionOf(walk: Walk, level: ItemLevel, item: Json, path: string): ItemDefinition | undefined {
  if (typeof item.linkId !== 'string') return undefined;
  const definition = level.byLinkId.get(item.linkId);
  if (definition) return definition;
  const message = walk.index.linkIds.has(item.linkId)
    ? `Item '${item.linkId}' is not at this level of the Questionnaire (its nesting differs)`
    : `The Questionnaire has no item with linkId '${item.linkId}'`;
  report(
    walk.ctx,
    { code: walk.index.linkIds.has(item.linkId) ? 'structure' : 'not-found', message },
    `${path}.linkId`,
  );
  return undefined;
}

interface Placed {
  item: Json;
  definition: ItemDefinition;
  path: string;
  scope: Scope | undefined;
}

/** One response item: enabled, then its answers, then its children pushed for later. */
function checkItem(walk: Walk, placed: Placed, stack: Frame[]): void {
  const { item, definition, path, scope } = placed;
  if (!isEnabled(definition, walk.answers, scope)) {
    if (holdsAnswers(item)) {
      const message = `Item '${definition.linkId}' is answered but its enableWhen conditions disable it`;
      report(walk.ctx, { code: 'business-rule', message }, path);
    }
    return;
  }
  const inner: Scope = { item, parent: scope };
  const answers = objects(item.answer);
  if (definition.type === 'group' || definition.type === 'display') {
    if (answers.length > 0) {
      const message = `Item '${definition.linkId}' is a ${definition.type} and takes no answer`;
      report(walk.ctx, { code: 'structure', message }, `${path}.answer`);
    }
  } else {
    checkAnswers(walk, placed, answers);
    // Child items of a question sit under each answer; pushed even when absent, for required ones.
    const hasChildren = definition.children.items.length > 0;
    answers.forEach((answer, j) => {
      if (hasChildren || answer.item !== undefined)
        stack.push({ items: answer.item, level: definition.children, path: `${path}.answer[${j}].item`, scope: inner });
    });
  }
  if (definition.type === 'group') {
    stack.push({ items: item.item ?? [], level: definition.children, path: `${path}.item`, scope: inner });
  } else if (objects(item.item).length > 0) {
    const message = `Item '${definition.linkId}' is not a group: its child items go under its answers`;
    report(walk.ctx, { code: 'structure', message }, `${path}.item`);
  }
}

function checkAnswers(walk: Walk, placed: Placed, answers: readonly Json[]): void {
  const { definition, path } = placed;
  if (answers.length > 1 && !definition.repeats) {
    const message = `Item '${definition.linkId}' does not repeat: one answer at most`;
    report(walk.ctx, { code: 'structure', message }, `${path}.answer[1]`);
  }
  answers.forEach((answer, j) => {
    const typed = typedValue(answer, 'value');
    if (!typed) return;
    const problem = answerProblem(definition, typed, walk.sources.valueSet);
    if (problem) report(walk.ctx, problem, `${path}.answer[${j}].value${typed.type}`);
  });
}

/** True when the item, or any item below it, has an answer. */
function holdsAnswers(item: Json): boolean {
  const stack: Json[] = [item];
  while (stack.length > 0) {
    const next = stack.pop()!;
    const answers = objects(next.answer);
    if (answers.length > 0) return true;
    for (const child of objects(next.item)) stack.push(child);
  }
  return false;
}

/** Every enabled required item of the level is present and, unless a group, answered. */
function checkRequired(walk: Walk, frame: Frame, present: ReadonlyMap<string, readonly Json[]>): void {
  for (const definition of frame.level.items) {
    if (!definition.required || definition.type === 'display') continue;
    const items = present.get(definition.linkId) ?? [];
    const answered = definition.type === 'group' ? items.length > 0 : items.some((i) => objects(i.answer).length > 0);
    if (answered || !isEnabled(definition, walk.answers, frame.scope)) continue;
    const message = `Required item '${definition.linkId}' has no answer, and the response is complete`;
    report(walk.ctx, { code: 'required', message }, frame.path);
  }
}
