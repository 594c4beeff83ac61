/**
 * From raw local records to checked transaction Bundles, and their ingest: each record is read
 * with its format, mapped, validated against the profiles it claims, and (for ingest) committed as
 * its own transaction. Idempotent by source system and record id: the visit Encounter carries a
 * hash of the normalised record in `meta.tag`, so re-sending an unchanged record writes nothing.
 * @module
 */
import { FhirError } from '../fhir/outcome.js';
import { sha256Hex } from '../lib/sha256-hex.js';
import type { RestContext } from '../rest/context.js';
import { handleRequest } from '../rest/router.js';
import { processBundle } from '../rest/transaction.js';
import { dictionaryOf } from './dictionaries.js';
import { identityQuery, mapRecord, ownedIdentities, toTransaction, withStaleDeletes, type MappedRecord } from './engine.js';
import { getPath, setPath, type LocalFormat, type LocalRecord, type SourceIssue } from './formats/local-format.js';
import type { LoadedMappings } from './load-mappings.js';
import { withPrefetchedIdentities } from './identity-prefetch.js';
import type { MappingDefinition } from './mapping-definition.js';
import type { CsvRow } from './csv-rows.js';

/** The tag system of the source-record hash on the visit Encounter. */
export const RECORD_HASH_SYSTEM = 'https://fhir.patronage.kz/CodeSystem/source-record-hash';

/** Where a raw record came from, for locating its problems. */
export interface RecordOrigin {
  /** 1-based position in a JSON array, or CSV line. */
  index?: number;
  row?: number;
}

/** A record's Bundle, or why there is none. */
export interface TransformResult {
  recordId?: string;
  bundle?: fhir4.Bundle;
  mapped?: MappedRecord;
  record?: LocalRecord;
  issues: SourceIssue[];
}

/** The outcome of ingesting one record. */
export interface IngestOutcome {
  recordId?: string;
  row?: number;
  index?: number;
  status: 'created' | 'updated' | 'unchanged' | 'rejected';
  issues: SourceIssue[];
}

/** The mapping of one format, with everything the service needs. */
export interface VisitPipeline {
  format: LocalFormat;
  mapping: MappingDefinition;
  loaded: LoadedMappings;
}

/** The pipeline of the format named `name`, if a mapping reads it. */
export function pipelineOf(loaded: LoadedMappings, name: string): VisitPipeline | undefined {
  const entry = loaded.mappings.get(name);
  return entry ? { format: entry.format, mapping: entry.definition, loaded } : undefined;
}

function located(issues: SourceIssue[], recordId: string | undefined, origin: RecordOrigin): SourceIssue[] {
  return issues.map((issue) => ({ ...issue, ...(recordId ? { recordId } : {}), ...(origin.row ? { row: origin.row } : {}) }));
}

/** Reads, maps and validates one raw record; the Bundle is absent when any problem is an error. */
export async function transformRecord(ctx: RestContext, pipeline: VisitPipeline, raw: unknown, source: string, origin: RecordOrigin = {}): Promise<TransformResult> {
  const read = pipeline.format.read(raw);
  const recordId = read.record ? String(getPath(read.record, pipeline.format.definition.recordId)) : read.issues[0]?.recordId;
  if (!read.record) return { ...(recordId ? { recordId } : {}), issues: located(read.issues, recordId, origin) };
  const mapped = await mapRecord(pipeline.mapping, read.record, { conceptMaps: pipeline.loaded.conceptMaps, source });
  const issues = [...mapped.issues];
  for (const resource of mapped.resources) {
    for (const issue of ctx.validate(resource.resource, resource.profile ? { profile: resource.profile } : {})) {
      if (issue.severity !== 'error' && issue.severity !== 'fatal') continue;
      const path = issue.expression?.[0]?.replace(/^[A-Za-z]+\./, '') ?? '';
      const field = [...resource.provenance].find(([element]) => path.startsWith(element.replace(/\[0\]/g, '')) || path.startsWith(element))?.[1];
      issues.push({ severity: 'error', message: `${resource.name} (${resource.resource.resourceType}) ${issue.expression?.[0] ?? ''}: ${issue.message}`, ...(field ? { field } : {}) });
    }
  }
  const result = { recordId: recordId!, mapped, record: read.record, issues: located(issues, recordId, origin) };
  return issues.some((i) => i.severity === 'error') ? result : { ...result, bundle: toTransaction(mapped) };
}

async function recordHash(record: LocalRecord, mapping: MappingDefinition): Promise<string> {
  const text = JSON.stringify({ mapping: mapping.name, record });
  return sha256Hex(text);
}

/** The hash tag of the stored visit Encounter of this record, if it exists: undefined when it does not. */
async function storedHash(ctx: RestContext, mapped: MappedRecord, baseUrl: string): Promise<string | null | undefined> {
  const visit = mapped.resources.find((r) => r.resource.resourceType === 'Encounter');
  if (!visit) return undefined;
  const result = await handleRequest(ctx, { method: 'GET', url: `Encounter?${identityQuery(visit.identity)}` }, { baseUrl });
  const found = (result.resource as fhir4.Bundle | undefined)?.entry?.[0]?.resource;
  if (!found) return undefined;
  return found.meta?.tag?.find((t) => t.system === RECORD_HASH_SYSTEM)?.code ?? null;
}

/** Options of {@link ingestRecord}. */
export interface IngestOptions {
  source: string;
  baseUrl: string;
  dryRun?: boolean;
  origin?: RecordOrigin;
}

/** Attempts at a record whose transaction lost a race (409): the next attempt sees the winner. */
const MAX_ATTEMPTS = 4;

/**
 * Ingests one raw record: rejected, unchanged, or committed as one transaction. A transaction
 * that lost a race with another client writing the same child or visit is tried again from the
 * hash check, so the second sender sees the first one's resources (`unchanged` or `updated`).
 */
export async function ingestRecord(ctx: RestContext, pipeline: VisitPipeline, raw: unknown, options: IngestOptions): Promise<IngestOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ingestOnce(ctx, pipeline, raw, options);
    } catch (err) {
      if (!(err instanceof FhirError && err.status === 409) || attempt === MAX_ATTEMPTS) {
        const where = { ...(options.origin?.row ? { row: options.origin.row } : {}), ...(options.origin?.index ? { index: options.origin.index } : {}) };
        const id = getPath(raw, pipeline.format.definition.recordId);
        return { ...(typeof id === 'string' ? { recordId: id } : {}), ...where, status: 'rejected', issues: [{ severity: 'error', message: `not stored: ${err instanceof Error ? err.message : String(err)}` }] };
      }
    }
  }
}

async function ingestOnce(ctx: RestContext, pipeline: VisitPipeline, raw: unknown, options: IngestOptions): Promise<IngestOutcome> {
  const origin = options.origin ?? {};
  const where = { ...(origin.row ? { row: origin.row } : {}), ...(origin.index ? { index: origin.index } : {}) };
  const result = await transformRecord(ctx, pipeline, raw, options.source, origin);
  const base = { ...(result.recordId ? { recordId: result.recordId } : {}), ...where };
  if (!result.bundle || !result.mapped || !result.record) return { ...base, status: 'rejected', issues: result.issues };
  const hash = await recordHash(result.record, pipeline.mapping);
  const lookups = result.mapped.resources.map(({ resource, identity }) => ({ resourceType: resource.resourceType, identity }));
  const lookedUp = await withPrefetchedIdentities(ctx, lookups);
  const previous = await storedHash(lookedUp, result.mapped, options.baseUrl);
  if (previous === hash) return { ...base, status: 'unchanged', issues: result.issues };
  if (options.dryRun) return { ...base, status: previous === undefined ? 'created' : 'updated', issues: result.issues };
  for (const entry of result.bundle.entry ?? [])
    if (entry.resource?.resourceType === 'Encounter') entry.resource.meta = { ...entry.resource.meta, tag: [{ system: RECORD_HASH_SYSTEM, code: hash }] };
  // A changed record may no longer yield a finding it had (a danger sign gone): delete it.
  const bundle = previous === undefined ? result.bundle : withStaleDeletes(result.bundle, result.mapped, possibleParts(pipeline, result.record, options.source));
  const response = await processBundle(lookedUp, bundle, { baseUrl: options.baseUrl });
  return { ...base, status: createdTheVisit(bundle, response) ? 'created' : 'updated', issues: result.issues };
}

/**
 * Whether this transaction created the record's visit. A client that lost the race to the same new
 * record finds the visit made by the other (its conditional create answers 200) and only wrote new
 * versions of what it shares: that is an update, not a second creation.
 */
function createdTheVisit(bundle: fhir4.Bundle, response: fhir4.Bundle): boolean {
  const index = bundle.entry?.findIndex((e) => e.resource?.resourceType === 'Encounter') ?? -1;
  return index >= 0 && response.entry?.[index]?.response?.status.startsWith('201') === true;
}

function possibleParts(pipeline: VisitPipeline, record: LocalRecord, source: string) {
  const itemsOf = (field: string) => {
    const url = pipeline.format.definition.fields[field]?.conceptMap;
    return url ? [...dictionaryOf(pipeline.loaded.conceptMaps, url).values()] : [];
  };
  return ownedIdentities(pipeline.mapping, record, source, itemsOf);
}

/** A CSV row as a record in the JSON form, or the problem with the row. */
export function csvRecord(format: LocalFormat, header: string[], row: CsvRow): { raw?: LocalRecord; issues: SourceIssue[] } {
  const columns = format.definition.csv?.columns ?? {};
  if (row.truncated) return { issues: [{ severity: 'error', row: row.line, message: 'the row ends inside a quoted cell (truncated file)' }] };
  if (row.cells.length !== header.length)
    return { issues: [{ severity: 'error', row: row.line, message: `the row has ${row.cells.length} cells, the header ${header.length} (ragged row)` }] };
  const raw: LocalRecord = {};
  header.forEach((column, i) => {
    const field = columns[column];
    if (field !== undefined && row.cells[i]!.trim() !== '') setPath(raw, field, row.cells[i]);
  });
  return { raw, issues: [] };
}

/** The column of a field in the CSV header, to locate a problem in a cell. */
export function columnOf(format: LocalFormat, field: string | undefined): string | undefined {
  if (!field) return undefined;
  return Object.entries(format.definition.csv?.columns ?? {}).find(([, path]) => path === field)?.[0];
}
