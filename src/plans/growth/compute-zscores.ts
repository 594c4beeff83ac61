/**
 * WHO growth z-scores of one child at one visit, as the WHO Anthro software computes them
 * (decision 025, docs/domain.md §5): age in days, the 0.7 cm lying/standing adjustment at 731 days,
 * the weight-for-length or -height table chosen by age with L, M and S interpolated between
 * 0.1 cm rows, restricted tails for the weight-based indicators and MUAC, 2 decimals, and the
 * WHO flags for biologically implausible values.
 * @module
 */
import {
  DAYS_PER_MONTH,
  INDICATOR_RULES,
  LYING_STANDING_DIFFERENCE_CM,
  SCORED_BEFORE_DAY,
  STANDING_FROM_DAY,
  type GrowthIndicator,
} from './growth-indicators.js';
import type { GrowthTables } from './growth-tables.js';
import { lmsZ, restrictedZ, roundZ } from './lms.js';
import type { Lms, LmsTable, TableSex } from './lms-table.js';

/** How a length/height was measured. */
export type MeasurePosition = 'lying' | 'standing';

/** What was measured at one visit of one child; any measure may be absent. */
export interface GrowthMeasurements {
  sex: 'male' | 'female';
  /** Whole days from birth to the measurement's local date. */
  ageDays: number;
  weightKg?: number | undefined;
  lengthCm?: number | undefined;
  /** Absent: taken as the position the age calls for (lying under 731 days). */
  position?: MeasurePosition | undefined;
  headCircumferenceCm?: number | undefined;
  muacCm?: number | undefined;
}

/** One indicator's result. */
export interface GrowthScore {
  indicator: GrowthIndicator;
  /** The reported z-score: restricted where the WHO restricts it, 2 decimals. */
  z: number;
  /** The plain LMS z-score, 2 decimals (equals `z` within ±3 SD or where tails are not restricted). */
  lmsZ: number;
  /** Set by the WHO flag limits, or for a length-based score of a standing height before 9 months. */
  implausible: boolean;
  /** The table used (file stem). */
  table: string;
}

/** The scores of a visit and what they were computed from. */
export interface GrowthScoring {
  scores: GrowthScore[];
  /** Length/height after the lying/standing adjustment, as scored. */
  adjustedLengthCm?: number;
  bmi?: number;
  /** A standing height taken before 9 months: not adjusted, and its scores implausible (anthro's c9mo_flag). */
  standingBeforeNineMonths: boolean;
}

/** Scores every indicator the measurements allow; none outside 0 to 1826 days. */
export function computeGrowthZScores(measured: GrowthMeasurements, tables: GrowthTables): GrowthScoring {
  const { ageDays } = measured;
  const sex: TableSex = measured.sex === 'male' ? 1 : 2;
  const standingBeforeNineMonths = measured.position === 'standing' && ageDays / DAYS_PER_MONTH < 9;
  const result: GrowthScoring = { scores: [], standingBeforeNineMonths };
  if (!Number.isInteger(ageDays) || ageDays < 0 || ageDays >= SCORED_BEFORE_DAY) return result;
  const byAge = (indicator: GrowthIndicator, table: LmsTable, value: number | undefined, positionFlag = false) => {
    if (!isPositive(value) || ageDays < INDICATOR_RULES[indicator].fromDay) return;
    const lms = table.rows[sex].get(ageDays);
    if (lms) result.scores.push(score(indicator, table.name, value, lms, positionFlag));
  };
  byAge('wfa-z', tables.weianthro, measured.weightKg);
  const length = isPositive(measured.lengthCm) ? adjustLength(measured, standingBeforeNineMonths) : undefined;
  if (length !== undefined) {
    result.adjustedLengthCm = length;
    byAge('lhfa-z', tables.lenanthro, length, standingBeforeNineMonths);
    if (isPositive(measured.weightKg)) {
      const wflh = weightForLengthScore(measured.weightKg, length, ageDays, sex, tables, standingBeforeNineMonths);
      if (wflh) result.scores.push(wflh);
      result.bmi = measured.weightKg / (length / 100) ** 2;
      byAge('bmifa-z', tables.bmianthro, result.bmi, standingBeforeNineMonths);
    }
  }
  byAge('hcfa-z', tables.hcanthro, measured.headCircumferenceCm);
  byAge('acfa-z', tables.acanthro, measured.muacCm);
  return result;
}

/**
 * The length/height the tables expect at this age: +0.7 cm for a standing height under 731
 * days, −0.7 cm for a recumbent length from 731 days. A standing height before 9 months is
 * implausible and not adjusted. Rounded to a micrometre so that 44.3 + 0.7 is the 45.0 bound.
 */
export function adjustLength(measured: GrowthMeasurements, standingBeforeNineMonths: boolean): number {
  const length = measured.lengthCm!;
  let adjusted = length;
  if (!standingBeforeNineMonths) {
    if (measured.position === 'standing' && measured.ageDays < STANDING_FROM_DAY)
      adjusted += LYING_STANDING_DIFFERENCE_CM;
    if (measured.position === 'lying' && measured.ageDays >= STANDING_FROM_DAY)
      adjusted -= LYING_STANDING_DIFFERENCE_CM;
  }
  return Math.round(adjusted * 1e6) / 1e6;
}

/** Weight-for-length (under 731 days, 45–110 cm) or weight-for-height (65–120 cm). */
function weightForLengthScore(
  weightKg: number,
  lengthCm: number,
  ageDays: number,
  sex: TableSex,
  tables: GrowthTables,
  positionFlag: boolean,
): GrowthScore | undefined {
  const table = ageDays < STANDING_FROM_DAY ? tables.wflanthro : tables.wfhanthro;
  const lms = interpolatedLms(table, sex, lengthCm);
  return lms ? score('wflh-z', table.name, weightKg, lms, positionFlag) : undefined;
}

/** L, M and S at `lengthCm`, linear between the 0.1 cm rows; undefined outside the table. */
export function interpolatedLms(table: LmsTable, sex: TableSex, lengthCm: number): Lms | undefined {
  const tenths = Math.round(lengthCm * 10 * 1e6) / 1e6;
  const lower = Math.floor(tenths);
  const below = table.rows[sex].get(lower);
  if (!below) return undefined;
  const fraction = tenths - lower;
  if (fraction === 0) return below;
  const above = table.rows[sex].get(lower + 1);
  if (!above) return undefined;
  const between = (a: number, b: number) => a + fraction * (b - a);
  return { l: between(below.l, above.l), m: between(below.m, above.m), s: between(below.s, above.s) };
}

function score(indicator: GrowthIndicator, table: string, value: number, lms: Lms, positionFlag: boolean): GrowthScore {
  const rule = INDICATOR_RULES[indicator];
  const z = roundZ(rule.restricted ? restrictedZ(value, lms) : lmsZ(value, lms));
  const implausible = positionFlag || z < rule.implausibleBelow || z > rule.implausibleAbove;
  return { indicator, z, lmsZ: roundZ(lmsZ(value, lms)), implausible, table };
}

function isPositive(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value) && value > 0;
}
