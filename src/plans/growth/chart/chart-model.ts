/**
 * What a growth chart shows, in data units: the WHO reference curves from −3 to +3 SD of the
 * child's sex, and the child's measurements as points (the length/height as scored, after the
 * lying/standing adjustment). The SVG is drawn from this model (`render-chart-svg.ts`).
 * @module
 */
import { computeGrowthZScores } from '../compute-zscores.js';
import { DAYS_PER_MONTH, SCORED_BEFORE_DAY, STANDING_FROM_DAY } from '../growth-indicators.js';
import type { GrowthTables } from '../growth-tables.js';
import { lmsValueAt } from '../lms.js';
import type { LmsTable, TableSex } from '../lms-table.js';
import type { Measurement } from '../measurements.js';
import { ageInDays, visitKeyOf, type Child } from '../visit-scores.js';
import type { ChartIndicator } from './chart-indicators.js';

/** The SD lines drawn. */
export const CHART_SDS = [-3, -2, -1, 0, 1, 2, 3] as const;

/** One of the child's measurements on the chart. */
export interface ChartPoint {
  /** Age in months, or length/height in cm. */
  x: number;
  y: number;
  /** The measurement's local date. */
  date: string;
  /** The Observation the y value comes from. */
  observationId: string;
}

/** A chart in data units. */
export interface ChartModel {
  chart: ChartIndicator;
  sex: 'male' | 'female';
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  curves: { sd: number; points: [number, number][] }[];
  points: ChartPoint[];
}

/** The chart of `chart` for `child` with the child's `measurements`. */
export function buildChartModel(
  chart: ChartIndicator,
  child: Child,
  measurements: readonly Measurement[],
  tables: GrowthTables,
): ChartModel {
  const all = childPoints(chart, child, measurements, tables);
  const older = all.some((p) => p.ageDays >= STANDING_FROM_DAY);
  const sex: TableSex = child.sex === 'male' ? 1 : 2;
  const table = tables[older ? chart.tables.old : chart.tables.young];
  const [xMin, xMax, samples] = chart.xAxis === 'age' ? ageRange(table, sex, older) : lengthRange(table, sex);
  const curves = CHART_SDS.map((sd) => ({
    sd,
    points: samples.map((key): [number, number] => [toX(chart, key), lmsValueAt(sd, table.rows[sex].get(key)!)]),
  }));
  const points = all.map((p) => p.point).filter((p) => p.x >= xMin && p.x <= xMax);
  const ys = [...curves.flatMap((c) => c.points.map(([, y]) => y)), ...points.map((p) => p.y)];
  const [yMin, yMax] = [Math.min(...ys), Math.max(...ys)];
  const pad = (yMax - yMin) * 0.04;
  return { chart, sex: child.sex, xMin, xMax, yMin: yMin - pad, yMax: yMax + pad, curves, points };
}

/** Table keys to sample: days every week (and the last day), or lengths every 0.5 cm. */
function ageRange(table: LmsTable, sex: TableSex, older: boolean): [number, number, number[]] {
  const [first] = table.range[sex];
  const last = older ? SCORED_BEFORE_DAY - 1 : STANDING_FROM_DAY - 1;
  const days: number[] = [];
  for (let day = first; day < last; day += 7) days.push(day);
  days.push(last);
  return [first / DAYS_PER_MONTH, older ? 60 : 24, days];
}

function lengthRange(table: LmsTable, sex: TableSex): [number, number, number[]] {
  const [first, last] = table.range[sex];
  const tenths: number[] = [];
  for (let key = first; key <= last; key += 5) tenths.push(key);
  return [first / 10, last / 10, tenths];
}

function toX(chart: ChartIndicator, key: number): number {
  return chart.xAxis === 'age' ? key / DAYS_PER_MONTH : key / 10;
}

/** The child's points of this chart, one per measurement (per weight for the weight-and-length charts). */
function childPoints(
  chart: ChartIndicator,
  child: Child,
  measurements: readonly Measurement[],
  tables: GrowthTables,
): { ageDays: number; point: ChartPoint }[] {
  const out: { ageDays: number; point: ChartPoint }[] = [];
  const lengthAt = latestLengthByVisit(measurements);
  for (const m of measurements) {
    const ageDays = ageInDays(child.birthDate, m.localDate);
    if (ageDays < 0 || ageDays >= SCORED_BEFORE_DAY) continue;
    const y = yOf(chart, m, lengthAt.get(visitKeyOf(m)), { sex: child.sex, ageDays }, tables);
    if (y === undefined) continue;
    const x = chart.xAxis === 'age' ? ageDays / DAYS_PER_MONTH : y.x!;
    out.push({ ageDays, point: { x, y: y.y, date: m.localDate, observationId: m.id } });
  }
  return out.sort((a, b) => a.point.x - b.point.x);
}

function yOf(
  chart: ChartIndicator,
  m: Measurement,
  length: Measurement | undefined,
  base: { sex: 'male' | 'female'; ageDays: number },
  tables: GrowthTables,
): { x?: number; y: number } | undefined {
  const kind = { 'wfa-z': 'weight', 'lhfa-z': 'length', 'hcfa-z': 'head', 'acfa-z': 'muac' }[chart.indicator as string];
  if (kind) {
    if (m.kind !== kind) return undefined;
    if (kind !== 'length') return { y: m.value };
    return { y: computeGrowthZScores({ ...base, lengthCm: m.value, position: m.position }, tables).adjustedLengthCm! };
  }
  if (m.kind !== 'weight' || !length) return undefined;
  const scored = computeGrowthZScores(
    { ...base, weightKg: m.value, lengthCm: length.value, position: length.position },
    tables,
  );
  return chart.indicator === 'bmifa-z' ? { y: scored.bmi! } : { x: scored.adjustedLengthCm!, y: m.value };
}

function latestLengthByVisit(measurements: readonly Measurement[]): Map<string, Measurement> {
  const byVisit = new Map<string, Measurement>();
  for (const m of measurements) {
    if (m.kind !== 'length') continue;
    const key = visitKeyOf(m);
    const current = byVisit.get(key);
    if (
      !current ||
      current.effective.localeCompare(m.effective) < 0 ||
      (current.effective === m.effective && current.id < m.id)
    ) {
      byVisit.set(key, m);
    }
  }
  return byVisit;
}
