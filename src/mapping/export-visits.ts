/**
 * `GET /export/visits`: stored visits back as local records (JSON or the CSV journal), found by
 * polyclinic BIN, visit date range and child IIN. Each visit's resources are gathered by the
 * references of the mapping (subject, nurse role, polyclinic, the visit's findings, the mother)
 * and read back with the reverse mapping.
 * @module
 */
import { badRequest } from '../fhir/outcome.js';
import type { RestContext } from '../rest/context.js';
import { handleRequest } from '../rest/router.js';
import { getPath, type LocalRecord } from './formats/local-format.js';
import { reverseRecord, type PooledResource } from './reverse.js';
import type { VisitPipeline } from './visit-records.js';

/** Filters of an export, from the query string. */
export interface ExportQuery {
  polyclinic?: string;
  child?: string;
  from?: string;
  to?: string;
  source: string;
  /** Most visits returned (one page). */
  count: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID12 = /^\d{12}$/;

/** Reads the export query; bad values are 400s naming the parameter. */
export function parseExportQuery(params: URLSearchParams): ExportQuery {
  const query: ExportQuery = { source: params.get('source') ?? 'mis', count: Number(params.get('_count') ?? 100) };
  for (const [name, pattern] of [['polyclinic', ID12], ['child', ID12], ['from', DATE], ['to', DATE]] as const) {
    const value = params.get(name);
    if (value === null) continue;
    if (!pattern.test(value)) throw badRequest(`${name} must be ${pattern === DATE ? 'a date yyyy-mm-dd' : 'a 12-digit BIN or IIN'}`, name);
    query[name] = value;
  }
  if (!Number.isInteger(query.count) || query.count < 1 || query.count > 1000) throw badRequest('_count must be 1 to 1000', '_count');
  return query;
}

async function search(ctx: RestContext, url: string, baseUrl: string): Promise<PooledResource[]> {
  const result = await handleRequest(ctx, { method: 'GET', url }, { baseUrl });
  return ((result.resource as fhir4.Bundle | undefined)?.entry ?? []).flatMap((e) =>
    e.resource?.id ? [{ key: `${e.resource.resourceType}/${e.resource.id}`, resource: e.resource }] : [],
  );
}

async function read(ctx: RestContext, reference: string | undefined, baseUrl: string): Promise<PooledResource[]> {
  const match = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9.-]+)$/.exec(reference ?? '');
  if (!match) return [];
  const found = await search(ctx, `${match[1]}?_id=${match[2]}`, baseUrl);
  return found;
}

/** Everything one visit's record is read back from. */
export async function poolOf(ctx: RestContext, visit: PooledResource, baseUrl: string): Promise<PooledResource[]> {
  const encounter = visit.resource as fhir4.Encounter;
  const child = encounter.subject?.reference;
  const [subject, provider, role, findings, answers, risks, conditions, mothers, birth] = await Promise.all([
    read(ctx, child, baseUrl),
    read(ctx, encounter.serviceProvider?.reference, baseUrl),
    read(ctx, encounter.participant?.[0]?.individual?.reference, baseUrl),
    search(ctx, `Observation?encounter=${visit.key}`, baseUrl),
    search(ctx, `QuestionnaireResponse?encounter=${visit.key}`, baseUrl),
    search(ctx, `RiskAssessment?encounter=${visit.key}`, baseUrl),
    search(ctx, `Condition?encounter=${visit.key}`, baseUrl),
    child ? search(ctx, `RelatedPerson?patient=${child}`, baseUrl) : [],
    child ? search(ctx, `Observation?subject=${child}&code=http://loinc.org|8339-4,http://loinc.org|76516-4`, baseUrl) : [],
  ]);
  const nurse = await read(ctx, (role[0]?.resource as fhir4.PractitionerRole | undefined)?.practitioner?.reference, baseUrl);
  const motherIin = (mothers[0]?.resource as fhir4.RelatedPerson | undefined)?.identifier?.find((i) => i.system === 'https://fhir.patronage.kz/sid/iin')?.value;
  const motherPatient = motherIin ? await search(ctx, `Patient?identifier=${encodeURIComponent(`https://fhir.patronage.kz/sid/iin|${motherIin}`)}`, baseUrl) : [];
  return [visit, ...subject, ...provider, ...role, ...nurse, ...findings, ...answers, ...risks, ...conditions, ...mothers, ...motherPatient, ...birth];
}

/** The stored visits matching `query`, as local records. */
export async function exportVisits(ctx: RestContext, pipeline: VisitPipeline, query: ExportQuery, baseUrl: string): Promise<LocalRecord[]> {
  const visitMapping = pipeline.mapping.resources.find((m) => m.resourceType === 'Encounter')!;
  const params = [`identifier=${encodeURIComponent(`${visitMapping.identity.system}|`)}`, `_count=${query.count}`, '_sort=date'];
  if (query.polyclinic) params.push(`service-provider:Organization.identifier=${encodeURIComponent(`https://fhir.patronage.kz/sid/bin|${query.polyclinic}`)}`);
  if (query.child) params.push(`subject:Patient.identifier=${encodeURIComponent(`https://fhir.patronage.kz/sid/iin|${query.child}`)}`);
  // An Encounter period without an end is open, so `date=ge` would match every earlier visit:
  // the lower bound is checked on the visit's start below.
  if (query.to) params.push(`date=le${query.to}`);
  const visits = await search(ctx, `Encounter?${params.join('&')}`, baseUrl);
  const records: LocalRecord[] = [];
  for (const visit of visits) {
    const ownId = (visit.resource as fhir4.Encounter).identifier?.find((i) => i.system === visitMapping.identity.system)?.value ?? '';
    if (!ownId.startsWith(`${query.source}/`)) continue;
    const start = (visit.resource as fhir4.Encounter).period?.start ?? '';
    if (query.from && start.slice(0, 10) < query.from) continue;
    const pool = await poolOf(ctx, visit, baseUrl);
    records.push(reverseRecord(pipeline.mapping, pipeline.format, pipeline.loaded.conceptMaps, pool, visit));
  }
  return records;
}

function csvCell(value: unknown): string {
  const text = Array.isArray(value) ? value.join(', ') : value === undefined || value === null ? '' : String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The records as the CSV journal: BOM, `;`, CRLF, the format's columns. */
export function toCsv(pipeline: VisitPipeline, records: readonly LocalRecord[]): string {
  const columns = Object.entries(pipeline.format.definition.csv?.columns ?? {});
  const lines = [columns.map(([column]) => column).join(';')];
  for (const record of records) lines.push(columns.map(([, field]) => csvCell(getPath(record, field))).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
