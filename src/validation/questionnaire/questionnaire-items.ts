/**
 * A Questionnaire's items indexed for checking responses: per level, the item definitions in
 * order and by linkId, plus every linkId anywhere (to tell "wrong level" from "unknown"). Built
 * with an explicit stack, so a deeply nested Questionnaire cannot overflow the call stack. The
 * Questionnaire may be unvalidated (a contained one with errors): every field is read defensively.
 * @see https://hl7.org/fhir/R4/questionnaire.html
 * @module
 */

type Json = Record<string, unknown>;

/** One `Questionnaire.item`, with the fields a response is checked against. */
export interface ItemDefinition {
  readonly linkId: string;
  readonly type: string;
  readonly required: boolean;
  readonly repeats: boolean;
  readonly maxLength: number | undefined;
  /** The values of the `answerOption` entries, typed by their key (`valueCoding` → `Coding`). */
  readonly options: readonly TypedValue[];
  readonly answerValueSet: string | undefined;
  readonly enableWhen: readonly Json[];
  readonly enableBehavior: string | undefined;
  /** Position among its siblings, for the order check. */
  readonly position: number;
  /** Its child items (under a group: the response item's `item`; under a question: each answer's `item`). */
  readonly children: ItemLevel;
}

/** A `value[x]` with its type: `{ type: 'Integer', value: 2 }`. */
export interface TypedValue {
  readonly type: string;
  readonly value: unknown;
}

/** The item definitions of one level. */
export interface ItemLevel {
  readonly items: readonly ItemDefinition[];
  readonly byLinkId: ReadonlyMap<string, ItemDefinition>;
}

/** A Questionnaire's top level and the set of all its linkIds. */
export interface QuestionnaireIndex {
  readonly top: ItemLevel;
  readonly linkIds: ReadonlySet<string>;
  /** Whether any item has `enableWhen` (else the response's answers need no index). */
  readonly hasConditions: boolean;
}

/** The level below an item without child items. */
const NO_ITEMS: ItemLevel = { items: [], byLinkId: new Map() };

function objects(value: unknown): Json[] {
  return Array.isArray(value) ? (value.filter((v) => typeof v === 'object' && v !== null) as Json[]) : [];
}

const NONE: readonly never[] = [];

/** The `value[x]` of each answerOption that has one. */
function optionValues(raw: unknown): readonly TypedValue[] {
  if (!Array.isArray(raw) || raw.length === 0) return NONE;
  const values: TypedValue[] = [];
  for (const option of raw) {
    if (typeof option !== 'object' || option === null) continue;
    for (const key in option as Json) {
      if (key.startsWith('value')) {
        values.push({ type: key.slice(5), value: (option as Json)[key] });
        break;
      }
    }
  }
  return values;
}

interface MutableLevel {
  items: ItemDefinition[];
  byLinkId: Map<string, ItemDefinition>;
}

/** Stored Questionnaire versions indexed lately, by id, version and time (immutable once stored). */
const INDEXED = new Map<string, QuestionnaireIndex>();
const INDEXED_MAX = 64;

/** The key of a stored version (`meta.versionId` and `meta.lastUpdated` set), else undefined. */
function storedVersionKey(questionnaire: Json): string | undefined {
  const meta = questionnaire.meta as Json | undefined;
  const { id, url } = questionnaire;
  if (typeof id !== 'string' || typeof meta?.versionId !== 'string' || typeof meta.lastUpdated !== 'string')
    return undefined;
  return `${String(url)}|${id}|${meta.versionId}|${meta.lastUpdated}`;
}

/**
 * {@link indexQuestionnaire}, remembered for the last {@link INDEXED_MAX} stored versions: every
 * EPDS response names the same Questionnaire, and a stored version never changes. Contained and
 * other unstored Questionnaires are indexed each time.
 */
export function indexedQuestionnaire(questionnaire: Json): QuestionnaireIndex {
  const key = storedVersionKey(questionnaire);
  if (key === undefined) return indexQuestionnaire(questionnaire);
  let index = INDEXED.get(key);
  if (index === undefined) {
    index = indexQuestionnaire(questionnaire);
    if (INDEXED.size >= INDEXED_MAX) INDEXED.delete(INDEXED.keys().next().value!);
    INDEXED.set(key, index);
  }
  return index;
}

/** Indexes `questionnaire.item`, iteratively. */
export function indexQuestionnaire(questionnaire: Json): QuestionnaireIndex {
  const linkIds = new Set<string>();
  let hasConditions = false;
  const top: MutableLevel = { items: [], byLinkId: new Map() };
  const stack: { raw: unknown; level: MutableLevel }[] = [{ raw: questionnaire.item, level: top }];
  while (stack.length > 0) {
    const { raw, level } = stack.pop()!;
    for (const item of objects(raw)) {
      if (typeof item.linkId !== 'string') continue;
      const nested = Array.isArray(item.item) && item.item.length > 0;
      const children: MutableLevel | ItemLevel = nested ? { items: [], byLinkId: new Map() } : NO_ITEMS;
      const definition = toDefinition(item, level.items.length, children);
      level.items.push(definition);
      // The first definition of a duplicated linkId wins (que-2 reports the duplicate).
      if (!level.byLinkId.has(definition.linkId)) level.byLinkId.set(definition.linkId, definition);
      linkIds.add(definition.linkId);
      if (definition.enableWhen.length > 0) hasConditions = true;
      if (nested) stack.push({ raw: item.item, level: children as MutableLevel });
    }
  }
  return { top, linkIds, hasConditions };
}

function toDefinition(item: Json, position: number, children: ItemLevel): ItemDefinition {
  return {
    linkId: item.linkId as string,
    type: typeof item.type === 'string' ? item.type : '',
    required: item.required === true,
    repeats: item.repeats === true,
    maxLength: typeof item.maxLength === 'number' ? item.maxLength : undefined,
    options: optionValues(item.answerOption),
    answerValueSet: typeof item.answerValueSet === 'string' ? item.answerValueSet : undefined,
    enableWhen: Array.isArray(item.enableWhen) ? objects(item.enableWhen) : NONE,
    enableBehavior: typeof item.enableBehavior === 'string' ? item.enableBehavior : undefined,
    position,
    children,
  };
}
