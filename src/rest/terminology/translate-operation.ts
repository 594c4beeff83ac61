/**
 * `ConceptMap/$translate` on the type and on an instance: the codes a code maps to, through one
 * ConceptMap (the instance, `url`, or a `conceptMap` in the body) or through every map held here
 * whose source fits `source`; `reverse` maps backwards. Built on {@link translateCode}, which the
 * mappings call directly.
 * @see https://hl7.org/fhir/R4/conceptmap-operation-translate.html
 * @module
 */
import { translateCode, type TranslateMatch } from '../../terminology/concept-map-translate.js';
import { splitCanonical } from '../../terminology/value-set-expansion.js';
import type { RestContext, RestResult } from '../context.js';
import type { OperationParameters } from './operation-parameters.js';
import {
  nothingGiven,
  openCall,
  stringParameter,
  targetDefinition,
  toParameters,
  type TerminologyCall,
  type TerminologyRequest,
} from './terminology-request.js';

/** Equivalences that say the concepts do not correspond: a match of these is not a translation. */
const NOT_A_TRANSLATION = new Set(['unmatched', 'disjoint']);

/** Runs `$translate`: 200 with `result` and the matches, 404 for an unknown map, 400 without a code. */
export async function translateOperation(ctx: RestContext, request: TerminologyRequest): Promise<RestResult> {
  const call = openCall(ctx, request);
  const map = await targetDefinition(call, request, 'ConceptMap', {
    resource: 'conceptMap',
    version: 'conceptMapVersion',
  });
  const codings = codingsToTranslate(call.params);
  const maps = map ? [map] : await mapsFromSource(call);
  const reverse = call.params.boolean('reverse') ?? false;
  const target = call.params.text('targetsystem') ?? call.params.text('target');
  const matches = codings.flatMap((coding) =>
    translateCode(maps, {
      code: coding.code!,
      reverse,
      ...(coding.system !== undefined ? { system: coding.system } : {}),
      ...(target !== undefined ? { target } : {}),
    }),
  );
  const result = matches.some((m) => !NOT_A_TRANSLATION.has(m.equivalence));
  return {
    status: 200,
    resource: toParameters([
      { name: 'result', valueBoolean: result },
      stringParameter('message', result ? undefined : noTranslation(codings, maps.length)),
      ...matches.map(matchParameter),
    ]),
  };
}

/** The codings the request names (code + system, coding, or codeableConcept); a 400 naming `code` when none. */
function codingsToTranslate(params: OperationParameters): fhir4.Coding[] {
  const concept = params.codeableConcept('codeableConcept');
  const fromConcept = (concept?.coding ?? []).filter((c) => c.code !== undefined);
  if (fromConcept.length > 0) return fromConcept;
  const coding = params.coding('coding');
  if (coding?.code !== undefined) return [coding];
  const code = params.text('code');
  if (code === undefined) throw nothingGiven('code', "Parameter 'code' (or 'coding' or 'codeableConcept') is required");
  const system = params.text('system');
  return [{ code, ...(system !== undefined ? { system } : {}) }];
}

/** Every map held here, or those whose source value set is `source` (version ignored). */
async function mapsFromSource(call: TerminologyCall): Promise<fhir4.ConceptMap[]> {
  const all = await call.resources.conceptMaps();
  const source = call.params.text('source');
  if (source === undefined) return all;
  const [wanted] = splitCanonical(source);
  return all.filter((m) => {
    const mapSource = m.sourceUri ?? m.sourceCanonical;
    return mapSource !== undefined && splitCanonical(mapSource)[0] === wanted;
  });
}

function noTranslation(codings: readonly fhir4.Coding[], mapCount: number): string {
  const named = codings.map((c) => `${c.system ?? '(no system)'}#${c.code ?? ''}`).join(', ');
  return `No translation of ${named} in ${mapCount} ConceptMap${mapCount === 1 ? '' : 's'}`;
}

function matchParameter(match: TranslateMatch): fhir4.ParametersParameter {
  const concept: fhir4.Coding = { system: match.system, code: match.code };
  if (match.display !== undefined) concept.display = match.display;
  return {
    name: 'match',
    part: [
      { name: 'equivalence', valueCode: match.equivalence },
      { name: 'concept', valueCoding: concept },
      { name: 'source', valueUri: match.conceptMap },
    ],
  };
}
