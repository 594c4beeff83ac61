/**
 * `ValueSet/$expand` on the type (`url`, or a `valueSet` in the body) and on an instance: the
 * codes of the ValueSet, narrowed by a text `filter`, displayed in `displayLanguage` (kk, ru, en
 * from the designations of the guide's CodeSystems), paged by `offset` and `count`.
 * @see https://hl7.org/fhir/R4/valueset-operation-expand.html
 * @module
 */
import { expandValueSet, type ExpansionConcept } from '../../terminology/value-set-expansion.js';
import { displayIn } from '../../terminology/code-system-concepts.js';
import type { RestContext, RestResult } from '../context.js';
import {
  openCall,
  requiredValueSet,
  withExpansionErrors,
  type TerminologyCall,
  type TerminologyRequest,
} from './terminology-request.js';

/** What narrows and shapes the expansion. */
interface ExpandOptions {
  filter?: string;
  displayLanguage?: string;
  includeDesignations?: boolean;
  offset: number;
  count?: number;
}

/** Runs `$expand`; 404 for an unknown ValueSet, 400 when none is named, 422 when it cannot be expanded. */
export async function expandOperation(ctx: RestContext, request: TerminologyRequest): Promise<RestResult> {
  const call = openCall(ctx, request);
  const valueSet = await requiredValueSet(call, request);
  const options = readOptions(call);
  const all = await withExpansionErrors(() => expandValueSet(valueSet, call.resources));
  const matching = options.filter === undefined ? all : all.filter((c) => matchesText(c, options.filter!));
  const page = matching.slice(options.offset, options.count === undefined ? undefined : options.offset + options.count);
  const expansion: fhir4.ValueSetExpansion = {
    identifier: `urn:uuid:${crypto.randomUUID()}`,
    timestamp: ctx.clock().toISOString(),
    total: matching.length,
    offset: options.offset,
  };
  const echoed = echoParameters(options);
  if (echoed.length > 0) expansion.parameter = echoed;
  if (page.length > 0) expansion.contains = page.map((concept) => toContains(concept, options));
  const { text: _narrative, ...definition } = valueSet;
  const expanded: fhir4.ValueSet = { ...definition, expansion };
  return { status: 200, resource: expanded };
}

function readOptions({ params, displayLanguage }: TerminologyCall): ExpandOptions {
  const options: ExpandOptions = { offset: params.count('offset') ?? 0 };
  const filter = params.text('filter')?.trim();
  if (filter) options.filter = filter;
  if (displayLanguage) options.displayLanguage = displayLanguage;
  const designations = params.boolean('includeDesignations');
  if (designations !== undefined) options.includeDesignations = designations;
  const count = params.count('count');
  if (count !== undefined) options.count = count;
  return options;
}

/** The text filter matches the code, the display or any designation, ignoring case. */
function matchesText(concept: ExpansionConcept, filter: string): boolean {
  const wanted = filter.toLowerCase();
  const texts = [concept.code, concept.display ?? '', ...(concept.designation ?? []).map((d) => d.value)];
  return texts.some((text) => text.toLowerCase().includes(wanted));
}

function toContains(concept: ExpansionConcept, options: ExpandOptions): fhir4.ValueSetExpansionContains {
  const entry: fhir4.ValueSetExpansionContains = { system: concept.system, code: concept.code };
  if (concept.version !== undefined) entry.version = concept.version;
  const display = displayIn(concept, options.displayLanguage);
  if (display !== undefined) entry.display = display;
  if (options.includeDesignations && concept.designation?.length) entry.designation = concept.designation;
  return entry;
}

/** The parameters that shaped the expansion, as the spec asks an expansion to record them. */
function echoParameters(options: ExpandOptions): fhir4.ValueSetExpansionParameter[] {
  const echoed: fhir4.ValueSetExpansionParameter[] = [];
  if (options.filter !== undefined) echoed.push({ name: 'filter', valueString: options.filter });
  if (options.displayLanguage !== undefined)
    echoed.push({ name: 'displayLanguage', valueCode: options.displayLanguage });
  if (options.includeDesignations !== undefined) {
    echoed.push({ name: 'includeDesignations', valueBoolean: options.includeDesignations });
  }
  if (options.count !== undefined) echoed.push({ name: 'count', valueInteger: options.count });
  if (options.offset > 0) echoed.push({ name: 'offset', valueInteger: options.offset });
  return echoed;
}
