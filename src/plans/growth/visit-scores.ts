/**
 * The z-scores of a child's visit: its measurements grouped by visit, each indicator anchored on
 * the measurement it belongs to (decision 025): weight-for-age, weight-for-length/height and
 * BMI-for-age on the weight (paired with the visit's length/height), length/height-for-age on the
 * length, head circumference-for-age and MUAC-for-age on theirs.
 * @module
 */
import { computeGrowthZScores, type GrowthMeasurements } from './compute-zscores.js';
import type { GrowthIndicator } from './growth-indicators.js';
import type { GrowthTables } from './growth-tables.js';
import type { Measurement } from './measurements.js';
import { zScoreId, type ZScoreInput } from './zscore-observation.js';

/** What scoring needs of the child. */
export interface Child {
  sex: 'male' | 'female';
  /** `YYYY-MM-DD`. */
  birthDate: string;
}

/** The child of a Patient, or undefined without a male/female gender and a full birth date. */
export function childOf(patient: fhir4.Patient): Child | undefined {
  const { gender, birthDate } = patient;
  if ((gender !== 'male' && gender !== 'female') || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate ?? '')) return undefined;
  return { sex: gender, birthDate: birthDate! };
}

/** The visit a measurement was taken at: its encounter, or else its local date. */
export function visitKeyOf(measurement: { encounter?: string | undefined; localDate: string }): string {
  return measurement.encounter ?? `date:${measurement.localDate}`;
}

/** Whole days from `birthDate` to `localDate` (both `YYYY-MM-DD`). */
export function ageInDays(birthDate: string, localDate: string): number {
  return Math.round((Date.parse(`${localDate}T00:00:00Z`) - Date.parse(`${birthDate}T00:00:00Z`)) / 86_400_000);
}

/** The z-scores of one visit's measurements (all of one child). */
export async function scoreVisit(
  child: Child,
  visit: readonly Measurement[],
  tables: GrowthTables,
): Promise<ZScoreInput[]> {
  const inputs: ZScoreInput[] = [];
  const length = latest(visit.filter((m) => m.kind === 'length'));
  for (const measurement of visit) {
    const base: GrowthMeasurements = { sex: child.sex, ageDays: ageInDays(child.birthDate, measurement.localDate) };
    const add = async (indicator: GrowthIndicator, measured: GrowthMeasurements, derivedFrom: Measurement[]) => {
      const score = computeGrowthZScores(measured, tables).scores.find((s) => s.indicator === indicator);
      if (score)
        inputs.push({ id: await zScoreId(indicator, measurement.id), score, anchor: measurement, derivedFrom });
    };
    switch (measurement.kind) {
      case 'weight': {
        await add('wfa-z', { ...base, weightKg: measurement.value }, [measurement]);
        if (!length) break;
        const paired = { ...base, weightKg: measurement.value, lengthCm: length.value, position: length.position };
        await add('wflh-z', paired, [measurement, length]);
        await add('bmifa-z', paired, [measurement, length]);
        break;
      }
      case 'length':
        await add('lhfa-z', { ...base, lengthCm: measurement.value, position: measurement.position }, [measurement]);
        break;
      case 'head':
        await add('hcfa-z', { ...base, headCircumferenceCm: measurement.value }, [measurement]);
        break;
      case 'muac':
        await add('acfa-z', { ...base, muacCm: measurement.value }, [measurement]);
        break;
    }
  }
  return inputs;
}

/** The last measurement by time, then id: one deterministic pick when a visit has two. */
function latest(measurements: Measurement[]): Measurement | undefined {
  return measurements.sort((a, b) => a.effective.localeCompare(b.effective) || a.id.localeCompare(b.id)).at(-1);
}
