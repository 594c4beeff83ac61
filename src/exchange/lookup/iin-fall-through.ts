/**
 * The IIN look-up fall-through (decision 035): `GET [base]/Patient?identifier=<IIN system>|<iin>`
 * that matches nothing here asks the national register, keeps its answer as a local Patient
 * marked with its source, and says so in the searchset with an OperationOutcome entry
 * (`search.mode = outcome`). A register that has no such Patient, or cannot be asked, leaves the
 * searchset empty with an outcome saying which.
 * @see https://hl7.org/fhir/R4/bundle-definitions.html#Bundle.entry.search.mode
 * @module
 */
import { IIN_SYSTEM } from '../../fhir/canonical.js';
import { toOperationOutcome, warning, type Issue } from '../../fhir/outcome.js';
import type { RestContext } from '../../rest/context.js';
import { isValidIin } from '../../validation/rules/kz-identifiers.js';
import { cachedCopy, cachePatient } from './cache-patient.js';
import type { RegisterLookup } from './register-lookup.js';

/** Parameters that do not narrow a search, so a look-up by IIN may still fall through with them. */
const NEUTRAL_PARAMETERS = new Set(['identifier', '_format', '_pretty', '_count']);

/** The IIN when `params` is a search by one valid IIN and nothing else; undefined otherwise. */
export function soleIinSearch(params: URLSearchParams): string | undefined {
  for (const name of params.keys()) if (!NEUTRAL_PARAMETERS.has(name)) return undefined;
  const values = params.getAll('identifier');
  if (values.length !== 1) return undefined;
  const prefix = `${IIN_SYSTEM}|`;
  const iin = values[0]!.startsWith(prefix) ? values[0]!.slice(prefix.length) : undefined;
  return iin !== undefined && isValidIin(iin) ? iin : undefined;
}

/** True when `searchset` has no match (so the register is asked). */
export function hasNoMatch(searchset: fhir4.Bundle): boolean {
  return !(searchset.entry ?? []).some((e) => e.search?.mode === 'match');
}

function information(message: string): Issue {
  return { severity: 'information', code: 'informational', message };
}

/** `searchset` completed from the register's answer about `iin`. */
export async function fallThrough(
  ctx: RestContext,
  lookup: RegisterLookup,
  iin: string,
  searchset: fhir4.Bundle,
  baseUrl: string,
): Promise<fhir4.Bundle> {
  const answer = await lookup.findByIin(iin);
  const entries: fhir4.BundleEntry[] = [];
  let issue: Issue;
  if (answer.kind === 'failed') {
    issue = warning(
      'incomplete',
      `No Patient here has this IIN, and the national register ${lookup.name} could not be asked: ${answer.detail}`,
    );
  } else if (answer.kind === 'none') {
    issue = information(`No Patient here has this IIN, nor at the national register ${lookup.name}`);
  } else {
    const copy = cachedCopy(answer.patient, answer.source);
    const cached = await cachePatient(ctx, copy, iin, baseUrl);
    if ('reference' in cached) {
      const stored = await ctx.store.readCurrent('Patient', cached.reference.slice('Patient/'.length));
      entries.push({
        fullUrl: `${baseUrl}/${cached.reference}`,
        resource: stored?.resource ?? copy,
        search: { mode: 'match' },
      });
      issue = information(
        `No Patient here had this IIN: this one comes from the national register ${lookup.name} (${copy.meta!.source!}) and is kept as ${cached.reference}`,
      );
    } else {
      entries.push({ fullUrl: copy.meta!.source!, resource: copy, search: { mode: 'match' } });
      issue = warning(
        'processing',
        `This Patient comes from the national register ${lookup.name} and could not be kept here: ${cached.failed}`,
      );
    }
  }
  entries.push({ resource: toOperationOutcome([issue]), search: { mode: 'outcome' } });
  const outcomes = (searchset.entry ?? []).filter((e) => e.search?.mode === 'outcome');
  return {
    ...searchset,
    ...(searchset.total !== undefined ? { total: entries.length - 1 } : {}),
    entry: [...entries, ...outcomes],
  };
}
