/**
 * Which date search parameters give a resource at most one index row: those whose expression is
 * one plain element path (`Encounter.period`, `Observation.effective`) through elements that never
 * repeat, ending in a date, dateTime, instant or Period (each one row, src/search/extract-values.ts;
 * a Timing gives one per event). The ids such a parameter matches are distinct as they come, so
 * its SQL needs no DISTINCT: for a week of Encounters at 1,000,000 resources on PostgreSQL the
 * DISTINCT was two thirds of the page's time and four fifths of the count's (decision 038).
 * @see https://hl7.org/fhir/R4/search.html#date
 * @module
 */
import { R4_NODES } from '../generated/r4/nodes.js';
import type { CompactElement, CompactNode } from '../validation/model/compiled-model.js';

const PLAIN_PATH = /^([A-Z][A-Za-z]+)((?:\.[a-z][A-Za-z]*)+)$/;
const ONE_ROW_TYPES: ReadonlySet<string> = new Set(['date', 'dateTime', 'instant', 'Period']);

/** True when every resource has at most one `search_date` row for a date parameter of `expression`. */
export function isOneRowDateExpression(expression: string): boolean {
  const match = PLAIN_PATH.exec(expression.trim());
  if (!match) return false;
  let node: CompactNode | undefined = R4_NODES[match[1]!];
  const steps = match[2]!.slice(1).split('.');
  for (let i = 0; i < steps.length; i++) {
    const element = node && findElement(node, steps[i]!);
    if (!element || element[3] === 1 || element[2] !== 1) return false;
    const types = typeof element[4] === 'string' ? [element[4]] : element[4];
    if (i === steps.length - 1) return types.length > 0 && types.every((t) => ONE_ROW_TYPES.has(t));
    if (types.length !== 1) return false;
    node = R4_NODES[types[0]!];
  }
  return false;
}

/** The element `name` (or the choice `name[x]`) of `node` or of the nodes it extends. */
function findElement(node: CompactNode, name: string): CompactElement | undefined {
  for (let at: CompactNode | undefined = node; at; at = at.x ? R4_NODES[at.x] : undefined) {
    const found = at.e.find((e) => e[0] === name || e[0] === `${name}[x]`);
    if (found) return found;
  }
  return undefined;
}
