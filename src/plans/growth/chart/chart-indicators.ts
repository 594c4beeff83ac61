/**
 * The charts `$growth-chart` draws: one per indicator, named as in the request's `indicator`
 * parameter, with the table(s) of its reference curves and what its axes hold.
 * @module
 */
import type { GrowthIndicator, GrowthTableName } from '../growth-indicators.js';

/** What a chart plots: measure against age (days), or weight against length/height (cm). */
export interface ChartIndicator {
  name: string;
  indicator: GrowthIndicator;
  xAxis: 'age' | 'length';
  /** The table under two years (731 days) and from two years. */
  tables: { young: GrowthTableName; old: GrowthTableName };
  yUnit: 'kg' | 'cm' | 'kg/m2';
}

/** The charts by the name the request uses. */
export const CHART_INDICATORS: readonly ChartIndicator[] = [
  {
    name: 'weight-for-age',
    indicator: 'wfa-z',
    xAxis: 'age',
    tables: { young: 'weianthro', old: 'weianthro' },
    yUnit: 'kg',
  },
  {
    name: 'length-height-for-age',
    indicator: 'lhfa-z',
    xAxis: 'age',
    tables: { young: 'lenanthro', old: 'lenanthro' },
    yUnit: 'cm',
  },
  {
    name: 'weight-for-length-height',
    indicator: 'wflh-z',
    xAxis: 'length',
    tables: { young: 'wflanthro', old: 'wfhanthro' },
    yUnit: 'kg',
  },
  {
    name: 'bmi-for-age',
    indicator: 'bmifa-z',
    xAxis: 'age',
    tables: { young: 'bmianthro', old: 'bmianthro' },
    yUnit: 'kg/m2',
  },
  {
    name: 'head-circumference-for-age',
    indicator: 'hcfa-z',
    xAxis: 'age',
    tables: { young: 'hcanthro', old: 'hcanthro' },
    yUnit: 'cm',
  },
  {
    name: 'arm-circumference-for-age',
    indicator: 'acfa-z',
    xAxis: 'age',
    tables: { young: 'acanthro', old: 'acanthro' },
    yUnit: 'cm',
  },
];

/** Other names accepted for the same charts (the WHO's shorter names, the indicator codes). */
const ALIASES: Readonly<Record<string, string>> = {
  'length-for-age': 'length-height-for-age',
  'height-for-age': 'length-height-for-age',
  'weight-for-length': 'weight-for-length-height',
  'weight-for-height': 'weight-for-length-height',
  'muac-for-age': 'arm-circumference-for-age',
};

/** The chart named `name` (a chart name, an alias or an indicator code), or undefined. */
export function chartIndicatorNamed(name: string): ChartIndicator | undefined {
  const wanted = ALIASES[name] ?? name;
  return CHART_INDICATORS.find((chart) => chart.name === wanted || chart.indicator === wanted);
}
