/**
 * The write reaction that keeps a child's growth z-scores in step with the measurements: after a
 * weight, length/height, head circumference or MUAC Observation (or the child's Patient) commits,
 * the child's touched visits are scored again and their KzGrowthZScore Observations written
 * through the pipeline, only where the content changes (so a repeated write changes nothing).
 * A score whose measurement no longer scores (entered-in-error, deleted, over five) is set to
 * `entered-in-error`. Decision 025.
 * @module
 */
import { FhirError } from '../../fhir/outcome.js';
import type { RestContext } from '../../rest/context.js';
import { handleRequest } from '../../rest/router.js';
import type { WriteReaction } from '../../rest/write/reactions.js';
import type { ResourceWrite } from '../../storage/port.js';
import { childObservations, INTERNAL_ROUTE } from './child-observations.js';
import { GROWTH_INDICATORS } from './growth-indicators.js';
import type { GrowthTables } from './growth-tables.js';
import { GROWTH_INDICATOR_SYSTEM } from './growth-terms.js';
import {
  MEASUREMENT_CODE_TOKENS,
  measurementKind,
  patientIdOf,
  toMeasurement,
  type Measurement,
} from './measurements.js';
import { childOf, scoreVisit, visitKeyOf } from './visit-scores.js';
import { toZScoreObservation } from './zscore-observation.js';

const ZSCORE_CODES = GROWTH_INDICATORS.map((code) => `${GROWTH_INDICATOR_SYSTEM}|${code}`);

/** What the committed writes touch: per child, the visits to score again (`all` for a Patient write). */
type Touched = Map<string, Set<string> | 'all'>;

/** The growth z-scoring reaction over `tables`. */
export function createGrowthReaction(tables: GrowthTables): WriteReaction {
  return {
    name: 'growth z-scoring',
    async react(ctx, committed) {
      const { touched, deleted } = touchedBy(committed);
      for (const [patientId, visits] of touched) {
        await withRetries(() => rescoreChild(ctx, tables, patientId, visits, deleted));
      }
    },
  };
}

function touchedBy(committed: readonly ResourceWrite[]): { touched: Touched; deleted: Set<string> } {
  const touched: Touched = new Map();
  const deleted = new Set<string>();
  for (const write of committed) {
    if (write.resourceType === 'Patient' && write.resource) touched.set(write.id, 'all');
    if (write.resourceType !== 'Observation') continue;
    if (!write.resource) {
      deleted.add(`Observation/${write.id}`);
      continue;
    }
    const observation = write.resource as fhir4.Observation;
    const patientId = patientIdOf(observation.subject?.reference);
    const effective = observation.effectiveDateTime ?? observation.effectivePeriod?.start;
    if (!measurementKind(observation) || !patientId || !effective) continue;
    const visits = touched.get(patientId) ?? new Set<string>();
    if (visits !== 'all')
      visits.add(visitKeyOf({ encounter: observation.encounter?.reference, localDate: effective.slice(0, 10) }));
    touched.set(patientId, visits);
  }
  return { touched, deleted };
}

async function rescoreChild(
  ctx: RestContext,
  tables: GrowthTables,
  patientId: string,
  visits: Set<string> | 'all',
  deleted: Set<string>,
): Promise<void> {
  const stored = await ctx.store.readCurrent('Patient', patientId);
  const child = stored?.resource ? childOf(stored.resource as fhir4.Patient) : undefined;
  const observations = await childObservations(ctx, patientId, MEASUREMENT_CODE_TOKENS);
  const isTouched = (o: { encounter?: string | undefined; localDate: string }) =>
    visits === 'all' || visits.has(visitKeyOf(o));
  const wanted = new Map<string, fhir4.Observation>();
  if (child) {
    const measurements = observations.map(toMeasurement).filter((m): m is Measurement => m !== undefined);
    for (const visit of groupByVisit(measurements.filter(isTouched)).values()) {
      for (const input of await scoreVisit(child, visit, tables)) wanted.set(input.id, toZScoreObservation(input));
    }
  }
  const retracting = new Set(deleted);
  const known = new Set(deleted);
  for (const o of observations) {
    known.add(`Observation/${o.id}`);
    if (isTouched({ encounter: o.encounter?.reference, localDate: effectiveDate(o) }))
      retracting.add(`Observation/${o.id}`);
  }
  const existing = await childObservations(ctx, patientId, ZSCORE_CODES);
  await writeZScores(ctx, existing, wanted, { retracting, known });
}

/** Measurement references: those re-scored now (or deleted), and all those this reaction read. */
interface Scope {
  retracting: ReadonlySet<string>;
  known: ReadonlySet<string>;
}

/**
 * Writes the `wanted` z-scores that differ from the `existing` ones, and sets to
 * `entered-in-error` the existing ones that are no longer wanted but derive from a measurement
 * re-scored now (deleted or in error). Only when the reaction read every measurement the score
 * derives from: a concurrent write's newer measurement (a length committed after this reaction's
 * search, whose own reaction wrote a weight-for-length) must not be retracted from an older view.
 */
async function writeZScores(
  ctx: RestContext,
  existing: readonly fhir4.Observation[],
  wanted: Map<string, fhir4.Observation>,
  { retracting, known }: Scope,
): Promise<void> {
  for (const current of existing) {
    const next = wanted.get(current.id!);
    if (next && sameContent(current, next)) wanted.delete(current.id!);
    const sources = (current.derivedFrom ?? []).map((r) => r.reference ?? '');
    const outdated = sources.some((s) => retracting.has(s)) && sources.every((s) => known.has(s));
    if (!next && current.status !== 'entered-in-error' && outdated) {
      await put(ctx, { ...current, status: 'entered-in-error' }, current.meta?.versionId);
    }
  }
  const versions = new Map(existing.map((o) => [o.id!, o.meta?.versionId]));
  for (const observation of wanted.values()) await put(ctx, observation, versions.get(observation.id!));
}

function groupByVisit(measurements: readonly Measurement[]): Map<string, Measurement[]> {
  const visits = new Map<string, Measurement[]>();
  for (const measurement of measurements) {
    const key = visitKeyOf(measurement);
    visits.set(key, [...(visits.get(key) ?? []), measurement]);
  }
  return visits;
}

function effectiveDate(observation: fhir4.Observation): string {
  return (observation.effectiveDateTime ?? observation.effectivePeriod?.start ?? '').slice(0, 10);
}

/**
 * Writes one z-score only over the version this reaction read (`If-Match`), or only as new
 * (`If-None-Match: *`): a concurrent reaction that wrote first makes this one start again from a
 * fresh read instead of overwriting a newer score with an older view.
 */
async function put(ctx: RestContext, observation: fhir4.Observation, readVersion: string | undefined): Promise<void> {
  const headers = readVersion ? { ifMatch: `W/"${readVersion}"` } : { ifNoneMatch: '*' };
  const request = { method: 'PUT', url: `Observation/${observation.id}`, body: observation, headers };
  await handleRequest(ctx, request, INTERNAL_ROUTE);
}

/** How often a child is scored again when another write changed its z-scores meanwhile. */
const ATTEMPTS = 5;

async function withRetries(rescore: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await rescore();
    } catch (error) {
      if (!(error instanceof FhirError && error.status === 412) || attempt >= ATTEMPTS) throw error;
    }
  }
}

/** Equal apart from the server's meta (version and time). */
function sameContent(stored: fhir4.Observation, next: fhir4.Observation): boolean {
  return canonicalJson({ ...stored, meta: { profile: stored.meta?.profile } }) === canonicalJson(next);
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
