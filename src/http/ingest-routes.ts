/**
 * Routes of the local-record side of the gateway: the published formats
 * (`GET /formats/{name}.schema.json`), `POST /fhir/StructureMap/$transform` (the Bundle of one
 * record, nothing stored) and `POST /ingest/visits` (JSON object, JSON array or streamed CSV; a
 * per-record report as JSON or as a Bundle of OperationOutcomes).
 * @see https://hl7.org/fhir/R4/structuremap-operation-transform.html
 * @module
 */
import type { Context, Hono } from 'hono';
import { FhirError, badRequest, notFound, toOperationOutcome, type Issue } from '../fhir/outcome.js';
import { exportVisits, parseExportQuery, toCsv } from '../mapping/export-visits.js';
import { parseFhirJson } from '../fhir/json/parse-fhir-json.js';
import { csvRows, decodeText } from '../mapping/csv-rows.js';
import { jsonItems } from '../mapping/json-items.js';
import { toJsonSchema, type SourceIssue } from '../mapping/formats/local-format.js';
import type { LoadedMappings } from '../mapping/load-mappings.js';
import {
  columnOf,
  csvRecord,
  ingestRecord,
  pipelineOf,
  transformRecord,
  type IngestOutcome,
  type VisitPipeline,
} from '../mapping/visit-records.js';
import type { AppDependencies, AppEnv } from './app.js';
import { assertJsonContentType, readFhirJsonBody } from './fhir-body.js';
import { fhirJsonResponse } from './fhir-response.js';
import { spooledChunks } from './spooled-body.js';
import { restOf } from '../auth/access-control.js';
import { keyedPipeline } from '../lib/keyed-pipeline.js';
import { recordKeys, updateIdentityFields } from '../mapping/record-keys.js';

const SOURCE_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Records of one request in progress at once. While one record's transaction commits, the next
 * ones are read, mapped and validated, and the SQLite writer commits the records that reach it
 * together; records of the same child or mother wait for each other (`record-keys.ts`). Sixteen
 * rather than four: 12–20% more records per second and less CPU per record on the benchmark,
 * 10–30 MiB more at the peak (decision 046).
 */
const RECORDS_AT_ONCE = 16;

/** A located source issue as a FHIR issue: `expression` names the record, field and CSV cell. */
export function toIssue(issue: SourceIssue, pipeline?: VisitPipeline): Issue {
  const column = pipeline && issue.row ? columnOf(pipeline.format, issue.field) : undefined;
  const where = [
    issue.recordId && `record ${issue.recordId}`,
    issue.row && `CSV line ${issue.row}`,
    column && `column ${column}`,
  ]
    .filter(Boolean)
    .join(', ');
  return {
    severity: issue.severity,
    code: issue.severity === 'error' ? 'invalid' : 'informational',
    message: where ? `${where}: ${issue.message}` : issue.message,
    ...(issue.field ? { expression: [issue.field] } : {}),
  };
}

function sourceOf(c: Context<AppEnv>): string {
  const source = new URL(c.req.url).searchParams.get('source') ?? 'mis';
  if (!SOURCE_PATTERN.test(source)) throw badRequest('source must be lower-case letters, digits and hyphens', 'source');
  return source;
}

function baseUrlOf(c: Context<AppEnv>, deps: AppDependencies): string {
  return deps.config.baseUrl ?? `${new URL(c.req.url).origin}/fhir`;
}

const DEFAULT_INGEST_BYTES = 256 * 1024 * 1024;

function ingestLimit(deps: AppDependencies): number {
  return deps.config.maxIngestBytes ?? DEFAULT_INGEST_BYTES;
}

/** Reads the records of a request: JSON object or array, or CSV rows streamed. */
async function* recordsOf(
  c: Context<AppEnv>,
  deps: AppDependencies,
  pipeline: VisitPipeline,
): AsyncGenerator<{ raw?: unknown; row?: number; index?: number; issues: SourceIssue[] }> {
  const type = c.req.header('content-type') ?? '';
  if (/^text\/csv/i.test(type)) {
    if (!c.req.raw.body) throw badRequest('empty CSV body');
    const charset = /charset=([^;]+)/i.exec(type)?.[1];
    let header: string[] | undefined;
    for await (const row of csvRows(decodeText(spooledChunks(c.req.raw.body, ingestLimit(deps)), charset))) {
      if (!header) {
        header = row.cells.map((cell) => cell.trim());
        const known = header.filter((h) => h in (pipeline.format.definition.csv?.columns ?? {}));
        if (!header.includes(columnOf(pipeline.format, pipeline.format.definition.recordId) ?? '') || known.length < 2)
          throw badRequest(
            `the CSV header has no ${pipeline.format.definition.recordId} column (wrong separator? expected ; or ,): ${header.join('|').slice(0, 200)}`,
            'line 1',
          );
        continue;
      }
      yield { ...csvRecord(pipeline.format, header, row), row: row.line };
    }
    return;
  }
  assertJsonContentType(type);
  if (!c.req.raw.body)
    throw badRequest(
      'The request body is empty; a JSON object or array of records was expected',
      undefined,
      'required',
    );
  const limits = { maxItemLength: deps.config.maxBodyBytes };
  for await (const item of jsonItems(spooledChunks(c.req.raw.body, ingestLimit(deps)), limits)) {
    const where = item.index === undefined ? {} : { index: item.index };
    if (item.kind === 'unreadable') {
      yield { ...where, issues: [{ severity: 'error', message: item.message }] };
      continue;
    }
    try {
      yield {
        ...where,
        raw: parseFhirJson(item.text, { maxDepth: deps.config.maxJsonDepth, what: 'record' }),
        issues: [],
      };
    } catch (cause) {
      if (!(cause instanceof FhirError)) throw cause;
      yield { ...where, issues: cause.issues.map((issue) => ({ severity: 'error' as const, message: issue.message })) };
    }
  }
}

function reportJson(outcomes: IngestOutcome[]): Record<string, unknown> {
  const count = (status: IngestOutcome['status']) => outcomes.filter((o) => o.status === status).length;
  return {
    summary: {
      records: outcomes.length,
      created: count('created'),
      updated: count('updated'),
      unchanged: count('unchanged'),
      rejected: count('rejected'),
    },
    records: outcomes,
  };
}

function reportBundle(outcomes: IngestOutcome[], pipeline: VisitPipeline): fhir4.Bundle {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: outcomes.map((outcome) => {
      const issues = outcome.issues.map((i) => toIssue(i, pipeline));
      const label = [
        outcome.recordId && `record ${outcome.recordId}`,
        outcome.row && `CSV line ${outcome.row}`,
        outcome.index && `item ${outcome.index}`,
      ]
        .filter(Boolean)
        .join(', ');
      if (outcome.status !== 'rejected')
        issues.unshift({ severity: 'information', code: 'informational', message: `${label}: ${outcome.status}` });
      return { resource: toOperationOutcome(issues) };
    }),
  };
}

/** Registers the format, `$transform` and ingest routes when mappings are loaded. */
export function registerIngestRoutes(app: Hono<AppEnv>, deps: AppDependencies & { mappings?: LoadedMappings }): void {
  const loaded = deps.mappings;
  if (!loaded) return;
  const visits = () =>
    pipelineOf(loaded, 'visit') ??
    (() => {
      throw notFound('no mapping reads the visit format');
    })();

  app.get('/formats/:file', (c) => {
    const name = /^(.+)\.schema\.json$/.exec(c.req.param('file'))?.[1];
    const format = name ? loaded.formats.get(name) : undefined;
    if (!format) throw notFound(`No format ${c.req.param('file')}`);
    return c.json(toJsonSchema(format), 200, { 'content-type': 'application/schema+json' });
  });

  app.post('/fhir/StructureMap/$transform', async (c) => {
    const pipeline = visits();
    const raw = await readFhirJsonBody(c.req.raw, deps.config);
    const result = await transformRecord(restOf(c, deps), pipeline, raw, sourceOf(c));
    if (!result.bundle)
      throw new FhirError(
        422,
        result.issues.map((i) => toIssue(i, pipeline)),
      );
    return fhirJsonResponse(result.bundle, { status: 200, pretty: false });
  });

  app.get('/export/visits', async (c) => {
    const pipeline = visits();
    const params = new URL(c.req.url).searchParams;
    const records = await exportVisits(restOf(c, deps), pipeline, parseExportQuery(params), baseUrlOf(c, deps));
    const csv = params.get('_format') === 'csv' || /text\/csv/.test(c.req.header('accept') ?? '');
    return csv ? c.body(toCsv(pipeline, records), 200, { 'content-type': 'text/csv; charset=utf-8' }) : c.json(records);
  });

  app.post('/ingest/visits', async (c) => {
    const pipeline = visits();
    const source = sourceOf(c);
    const baseUrl = baseUrlOf(c, deps);
    const dryRun = new URL(c.req.url).searchParams.get('dryRun') === 'true';
    const outcomes: IngestOutcome[] = [];
    const records = keyedPipeline<IngestOutcome>(RECORDS_AT_ONCE, (outcome) => {
      outcomes.push(outcome);
      deps.onIngestRecord?.(outcome);
    });
    const report = (outcome: IngestOutcome) => records.add([], () => Promise.resolve(outcome));
    const keyFields = updateIdentityFields(pipeline.mapping);
    const seen = new Map<string, string>();
    const rest = restOf(c, deps);
    for await (const item of recordsOf(c, deps, pipeline)) {
      const origin = { ...(item.row ? { row: item.row } : {}), ...(item.index ? { index: item.index } : {}) };
      if (item.issues.length || item.raw === undefined) {
        await report({ ...origin, status: 'rejected', issues: item.issues });
        continue;
      }
      const id = String((item.raw as Record<string, unknown>)[pipeline.format.definition.recordId] ?? '').trim();
      const where = item.row ? `CSV line ${item.row}` : `item ${item.index ?? 1}`;
      if (id && seen.has(id)) {
        await report({
          recordId: id,
          ...origin,
          status: 'rejected',
          issues: [
            {
              severity: 'error',
              recordId: id,
              field: pipeline.format.definition.recordId,
              ...origin,
              message: `duplicate record id in this batch (first at ${seen.get(id)})`,
            },
          ],
        });
        continue;
      }
      if (id) seen.set(id, where);
      const raw = item.raw;
      await records.add(recordKeys(keyFields, raw), () => ingestRecord(rest, pipeline, raw, { source, baseUrl, dryRun, origin }));
    }
    await records.finish();
    const wantsFhir = /application\/fhir\+json/.test(c.req.header('accept') ?? '');
    return wantsFhir
      ? fhirJsonResponse(reportBundle(outcomes, pipeline), { status: 200, pretty: false })
      : c.json(reportJson(outcomes));
  });
}
