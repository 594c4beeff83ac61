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
  /** `answerOption` entries that carry a value. */
  readonly options: readonly Json[];
  readonly answerValueSet: string | undefined;
  readonly enableWhen: readonly Json[];
  readonly enableBehavior: string | undefined;
  /** Position among its siblings, for the order check. */
  readonly position: number;
  /** Its child items (under a group: the response item's `item`; under a question: each answer's `item`). */
  readonly children: ItemLevel;
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
}

function objects(value: unknown): Json[] {
  return Array.isArray(value) ? (value.filter((v) => typeof v === 'object' && v !== null) as Json[]) : [];
}

function hasValue(option: Json): boolean {
  for (const key in option) if (key.startsWith('value')) return true;
  return false;
}

interface MutableLevel {
  items: ItemDefinition[];
  byLinkId: Map<string, ItemDefinition>;
}

/** Indexes `questionnaire.item`, iteratively. */
export function indexQuestionnaire(questionnaire: Json): QuestionnaireIndex {
  const linkIds = new Set<string>();
  const top: MutableLevel = { items: [], byLinkId: new Map() };
  const stack: { raw: unknown; level: MutableLevel }[] = [{ raw: questionnaire.item, level: top }];
  while (stack.length > 0) {
    const { raw, level } = stack.pop()!;
    for (const item of objects(raw)) {
      if (typeof item.linkId !== 'string') continue;
      const children: MutableLevel = { items: [], byLinkId: new Map() };
      const definition = toDefinition(item, level.items.length, children);
      level.items.push(definition);
      // The first definition of a duplicated linkId wins (que-2 reports the duplicate).
      if (!level.byLinkId.has(definition.linkId)) level.byLinkId.set(definition.linkId, definition);
      linkIds.add(definition.linkId);
      stack.push({ raw: item.item, level: children });
    }
  }
  return { top, linkIds };
}

function toDefinition(item: Json, position: number, children: ItemLevel): ItemDefinition {
  return {
    linkId: item.linkId as string,
    type: typeof item.type === 'string' ? item.type : '',
    required: item.required === true,
    repeats: item.repeats === true,
    maxLength: typeof item.maxLength === 'number' ? item.maxLength : undefined,
    options: objects(item.answerOption).filter(hasValue),
    answerValueSet: typeof item.answerValueSet === 'string' ? item.answerValueSet : undefined,
    enableWhen: objects(item.enableWhen),
    enableBehavior: typeof item.enableBehavior === 'string' ? item.enableBehavior : undefined,
    position,
    children,
  };
}
