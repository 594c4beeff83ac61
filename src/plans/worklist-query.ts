/**
 * The `$worklist` query: whose visits (a polyclinic, a nurse, a region by KATO prefix), which
 * dates, which page. Bad values are a 400 naming the parameter.
 * @module
 */
import { badRequest } from '../fhir/outcome.js';
import { isCalendarDate, type CalendarDate } from './calendar-dates.js';

/** A parsed `$worklist` request. */
export interface WorklistQuery {
  /** `Organization/[id]` of the polyclinic. */
  organization?: string;
  /** `Practitioner/[id]` or `PractitionerRole/[id]` of the nurse. */
  practitioner?: string;
  /** Leading digits of the KATO code of the family's address (a region, a district). */
  kato?: string;
  from?: CalendarDate;
  to?: CalendarDate;
  count: number;
  page: number;
  /** Only the counts per state. */
  summaryOnly: boolean;
}

const DEFAULT_COUNT = 50;
const MAX_COUNT = 500;

function reference(value: string | null, types: string[], name: string): string | undefined {
  if (value === null) return undefined;
  const full = value.includes('/') ? value : `${types[0]}/${value}`;
  const [type, id] = full.split('/');
  if (!types.includes(type ?? '') || !/^[A-Za-z0-9\-.]{1,64}$/.test(id ?? ''))
    throw badRequest(`${name} '${value}' is not a ${types.join(' or ')} reference`, name);
  return full;
}

function positive(value: string | null, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === null) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw badRequest(`${name} must be a positive whole number`, name);
  return Math.min(n, max);
}

function date(value: string | null, name: string): CalendarDate | undefined {
  if (value === null) return undefined;
  if (!isCalendarDate(value)) throw badRequest(`${name} '${value}' is not a date (YYYY-MM-DD)`, name);
  return value;
}

/** Reads the query string of `$worklist`. */
export function readWorklistQuery(params: URLSearchParams): WorklistQuery {
  const kato = params.get('kato') ?? undefined;
  if (kato !== undefined && !/^\d{1,9}$/.test(kato))
    throw badRequest('kato must be 1 to 9 digits (a KATO code prefix)', 'kato');
  const query: WorklistQuery = {
    count: positive(params.get('_count'), '_count', DEFAULT_COUNT, MAX_COUNT),
    page: positive(params.get('page'), 'page', 1),
    summaryOnly: params.get('summary') === 'true',
  };
  const organization = reference(params.get('organization'), ['Organization'], 'organization');
  const practitioner = reference(params.get('practitioner'), ['Practitioner', 'PractitionerRole'], 'practitioner');
  const from = date(params.get('from'), 'from');
  const to = date(params.get('to'), 'to');
  if (from && to && to < from) throw badRequest('to is before from', 'to');
  if (!organization && !practitioner && !kato)
    throw badRequest('$worklist needs organization, practitioner or kato', 'organization', 'required');
  return {
    ...query,
    ...(organization && { organization }),
    ...(practitioner && { practitioner }),
    ...(kato && { kato }),
    ...(from && { from }),
    ...(to && { to }),
  };
}
