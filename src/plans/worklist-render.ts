/**
 * The worklist as the operation's Parameters output: `total`, `page`, a `summary` part with the
 * counts per state, and one `item` part per line of the requested page.
 * @see https://hl7.org/fhir/R4/parameters.html
 * @module
 */
import type { RestContext } from '../rest/context.js';
import { collectWorklist, katoOf, type WorklistCounts, type WorklistLine } from './worklist.js';
import type { WorklistQuery } from './worklist-query.js';

type Part = fhir4.ParametersParameter;

function nameOf(patient: fhir4.Patient): string | undefined {
  const name = patient.name?.[0];
  if (!name) return undefined;
  return name.text ?? [...(name.given ?? []), name.family].filter(Boolean).join(' ') ?? undefined;
}

function addressOf(patient: fhir4.Patient): string | undefined {
  const address = patient.address?.[0];
  if (!address) return undefined;
  return address.text ?? ([...(address.line ?? []), address.city].filter(Boolean).join(', ') || undefined);
}

function itemPart(line: WorklistLine): Part {
  const display = nameOf(line.subject);
  const part: Part[] = [
    { name: 'kind', valueCode: line.kind },
    { name: 'state', valueCode: line.state },
    {
      name: 'subject',
      valueReference: { reference: `Patient/${line.subject.id ?? ''}`, ...(display ? { display } : {}) },
    },
  ];
  const address = addressOf(line.subject);
  if (address) part.push({ name: 'address', valueString: address });
  const kato = katoOf(line.subject);
  if (kato) part.push({ name: 'kato', valueString: kato });
  if (line.visitType) part.push({ name: 'visitType', valueCode: line.visitType });
  if (line.window) part.push({ name: 'window', valuePeriod: line.window });
  if (line.daysOverdue !== undefined) part.push({ name: 'daysOverdue', valueInteger: line.daysOverdue });
  if (line.priority) part.push({ name: 'priority', valueCode: line.priority });
  part.push({ name: 'reason', valueString: line.reason }, { name: 'focus', valueReference: { reference: line.focus } });
  return { name: 'item', part };
}

function summaryPart(counts: WorklistCounts): Part {
  return { name: 'summary', part: Object.entries(counts).map(([name, n]) => ({ name, valueInteger: n })) };
}

/** The worklist of `query` as Parameters. */
export async function buildWorklist(
  ctx: RestContext,
  query: WorklistQuery,
  _options: { selfUrl: string },
): Promise<fhir4.Parameters> {
  const { lines, counts, total } = await collectWorklist(ctx, query);
  const parameter: Part[] = [
    { name: 'total', valueInteger: total },
    { name: 'page', valueInteger: query.page },
    summaryPart(counts),
  ];
  if (!query.summaryOnly) {
    const start = (query.page - 1) * query.count;
    parameter.push(...lines.slice(start, start + query.count).map(itemPart));
  }
  return { resourceType: 'Parameters', parameter };
}
