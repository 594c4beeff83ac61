/**
 * Where each linkId is answered in a QuestionnaireResponse, for `enableWhen`: every response item
 * with the response items that enclose it, collected with an explicit
 * stack. A condition on question `q` is judged on the answers to `q` in the innermost enclosing
 * item that has any, so each repetition of a repeating group answers for itself.
 * @see https://hl7.org/fhir/R4/questionnaire-definitions.html#Questionnaire.item.enableWhen.question
 * @module
 */

type Json = Record<string, unknown>;

/**
 * The response items around a point, innermost first, as a linked list: shared by everything
 * below it, so a deep response costs one node per item rather than one array per item.
 */
export interface Scope {
  readonly item: Json;
  readonly parent: Scope | undefined;
}

/** A response item and the scope that encloses it. */
export interface AnsweredItem {
  readonly item: Json;
  readonly scope: Scope | undefined;
}

/** linkId → the response items that carry it. */
export type ResponseAnswers = ReadonlyMap<string, readonly AnsweredItem[]>;

function objects(value: unknown): Json[] {
  return Array.isArray(value) ? (value.filter((v) => typeof v === 'object' && v !== null) as Json[]) : [];
}

/** Indexes every item of `response` (under items and under answers) by linkId. */
export function indexResponseAnswers(response: Json): ResponseAnswers {
  const byLinkId = new Map<string, AnsweredItem[]>();
  const stack: { raw: unknown; scope: Scope | undefined }[] = [{ raw: response.item, scope: undefined }];
  while (stack.length > 0) {
    const { raw, scope } = stack.pop()!;
    for (const item of objects(raw)) {
      if (typeof item.linkId === 'string') {
        const list = byLinkId.get(item.linkId) ?? [];
        list.push({ item, scope });
        byLinkId.set(item.linkId, list);
      }
      const inner: Scope = { item, parent: scope };
      stack.push({ raw: item.item, scope: inner });
      for (const answer of objects(item.answer)) stack.push({ raw: answer.item, scope: inner });
    }
  }
  return byLinkId;
}

/**
 * The answers to `linkId` that a condition seen from `scope` refers to: those under the innermost
 * enclosing item that holds any, else those anywhere in the response.
 */
export function answersInScope(answers: ResponseAnswers, linkId: string, scope: Scope | undefined): Json[] {
  const candidates = answers.get(linkId) ?? [];
  if (candidates.length === 0) return [];
  for (let around = scope; around !== undefined; around = around.parent) {
    const inside = candidates.filter((c) => encloses(around!.item, c.scope));
    if (inside.length > 0) return inside.flatMap((c) => objects(c.item.answer));
  }
  return candidates.flatMap((c) => objects(c.item.answer));
}

function encloses(item: Json, scope: Scope | undefined): boolean {
  for (let s = scope; s !== undefined; s = s.parent) if (s.item === item) return true;
  return false;
}
