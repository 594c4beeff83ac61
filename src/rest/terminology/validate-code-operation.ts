/**
 * `ValueSet/$validate-code` on the type and on an instance: is a code (`code` + `system`, a
 * `coding`, or any coding of a `codeableConcept`) in the ValueSet, and is its `display` right?
 * A display counts as right when it is the concept's display or one of its designations.
 * @see https://hl7.org/fhir/R4/valueset-operation-validate-code.html
 * @module
 */
import { displayIn } from '../../terminology/code-system-concepts.js';
import { expandValueSet, type ExpansionConcept } from '../../terminology/value-set-expansion.js';
import type { RestContext, RestResult } from '../context.js';
import type { OperationParameters } from './operation-parameters.js';
import {
  nothingGiven,
  openCall,
  stringParameter,
  requiredValueSet,
  toParameters,
  withExpansionErrors,
  type TerminologyRequest,
} from './terminology-request.js';

interface Verdict {
  result: boolean;
  message?: string;
  display?: string;
}

/** Runs `$validate-code`: 200 with `result` whether or not the code is valid. */
export async function validateCodeOperation(ctx: RestContext, request: TerminologyRequest): Promise<RestResult> {
  const call = openCall(ctx, request);
  const valueSet = await requiredValueSet(call, request);
  const codings = codingsToCheck(call.params);
  const concepts = await withExpansionErrors(() => expandValueSet(valueSet, call.resources));
  const language = call.displayLanguage;
  const verdicts = codings.map((coding) => judge(coding, concepts, language, valueSet.url ?? 'the ValueSet'));
  const verdict = verdicts.find((v) => v.result) ?? verdicts[0]!;
  return {
    status: 200,
    resource: toParameters([
      { name: 'result', valueBoolean: verdict.result },
      stringParameter('message', verdict.message),
      stringParameter('display', verdict.display),
    ]),
  };
}

/** The codings the request names; a 400 naming `code` when it names none. */
function codingsToCheck(params: OperationParameters): fhir4.Coding[] {
  const concept = params.codeableConcept('codeableConcept');
  if (concept?.coding?.length) return concept.coding;
  const coding = params.coding('coding');
  if (coding) return [coding];
  const code = params.text('code');
  if (code === undefined) throw nothingGiven('code', "Parameter 'code' (or 'coding' or 'codeableConcept') is required");
  const system = params.text('system');
  const display = params.text('display');
  return [{ code, ...(system !== undefined ? { system } : {}), ...(display !== undefined ? { display } : {}) }];
}

function judge(
  coding: fhir4.Coding,
  concepts: readonly ExpansionConcept[],
  language: string | undefined,
  valueSetUrl: string,
): Verdict {
  const found = concepts.find(
    (c) => c.code === coding.code && (coding.system === undefined || c.system === coding.system),
  );
  const named = `${coding.system ?? '(no system)'}#${coding.code ?? ''}`;
  if (!found) return { result: false, message: `The code ${named} is not in the value set ${valueSetUrl}` };
  const display = displayIn(found, language);
  const verdict: Verdict = { result: true };
  if (display !== undefined) verdict.display = display;
  if (coding.display !== undefined && !isKnownDisplay(found, coding.display)) {
    verdict.result = false;
    verdict.message = `The display '${coding.display}' is not a display of ${named}; expected '${display ?? ''}'`;
  }
  return verdict;
}

function isKnownDisplay(concept: ExpansionConcept, display: string): boolean {
  const wanted = display.trim().toLowerCase();
  const known = [concept.display, ...(concept.designation ?? []).map((d) => d.value)];
  return known.some((text) => text?.trim().toLowerCase() === wanted);
}
