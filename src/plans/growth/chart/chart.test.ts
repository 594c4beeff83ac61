import { describe, expect, it } from 'vitest';
import { fixtureGrowthTables } from '../../../../test/growth/growth-tables-fixture.js';
import type { Measurement } from '../measurements.js';
import { chartIndicatorNamed } from './chart-indicators.js';
import { chartLabels, negotiateLanguage } from './chart-labels.js';
import { buildChartModel } from './chart-model.js';
import { renderChartSvg, ticks } from './render-chart-svg.js';

const tables = fixtureGrowthTables();
const girl = { sex: 'female', birthDate: '2024-01-01' } as const;

function measured(
  id: string,
  kind: Measurement['kind'],
  value: number,
  date: string,
  extra: Partial<Measurement> = {},
): Measurement {
  return { id, kind, value, patientId: 'p', effective: date, localDate: date, ...extra };
}

describe('Accept-Language', () => {
  it.each([
    [null, 'en'],
    ['', 'en'],
    ['de, fr;q=0.5', 'en'],
    ['ru', 'ru'],
    ['kk-KZ', 'kk'],
    ['ru;q=0.5, kk;q=0.8', 'kk'],
    ['en;q=0.9, ru', 'ru'],
    ['kk;q=0, ru;q=0.1', 'ru'],
  ])('%j → %s', (header, language) => {
    expect(negotiateLanguage(header)).toBe(language);
  });
});

describe('chart indicators', () => {
  it('accepts the WHO names, the short ones and the indicator codes', () => {
    expect(chartIndicatorNamed('weight-for-height')?.name).toBe('weight-for-length-height');
    expect(chartIndicatorNamed('height-for-age')?.name).toBe('length-height-for-age');
    expect(chartIndicatorNamed('hcfa-z')?.name).toBe('head-circumference-for-age');
    expect(chartIndicatorNamed('shoe-size')).toBeUndefined();
  });

  it('has labels in the three languages', () => {
    const chart = chartIndicatorNamed('bmi-for-age')!;
    expect(chartLabels(chart, 'male', 'kk').title).toBe('Жасқа сәйкес ДСИ, ұлдар');
    expect(chartLabels(chart, 'male', 'ru').yAxis).toBe('ИМТ (кг/м²)');
    expect(chartLabels(chart, 'female', 'en').xAxis).toBe('Age (months)');
  });
});

describe('the chart model', () => {
  it('spans 0–24 months for a child measured only under two, 0–60 once measured at two or more', () => {
    const chart = chartIndicatorNamed('weight-for-age')!;
    const young = buildChartModel(chart, girl, [measured('w1', 'weight', 8, '2024-07-01')], tables);
    expect([young.xMin, young.xMax]).toEqual([0, 24]);
    const older = buildChartModel(chart, girl, [measured('w2', 'weight', 12, '2026-02-01')], tables);
    expect(older.xMax).toBe(60);
    // 2024-07-01 is day 182 (2024 is a leap year): 182/30.4375 months.
    expect(young.points).toEqual([{ x: 182 / 30.4375, y: 8, date: '2024-07-01', observationId: 'w1' }]);
  });

  it('draws seven SD curves whose median at day 0 is the table M', () => {
    const model = buildChartModel(chartIndicatorNamed('weight-for-age')!, girl, [], tables);
    expect(model.curves.map((c) => c.sd)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(model.curves[3]!.points[0]).toEqual([0, 3.2322]);
  });

  it('plots weight against the adjusted length of the same visit', () => {
    const chart = chartIndicatorNamed('weight-for-length')!;
    const visit = [
      measured('w', 'weight', 7.5, '2024-07-01'),
      measured('l', 'length', 64.3, '2024-07-01', { position: 'standing' }),
    ];
    // A standing height at day 182 (under 9 months) is not adjusted.
    expect(buildChartModel(chart, girl, visit, tables).points).toMatchObject([{ x: 64.3, y: 7.5 }]);
    const later = visit.map((m) => ({ ...m, localDate: '2024-11-01', effective: '2024-11-01' }));
    expect(buildChartModel(chart, girl, later, tables).points).toMatchObject([{ x: 65, y: 7.5 }]);
  });
});

describe('the SVG', () => {
  it('escapes text and places each point by the plot transform', () => {
    const chart = chartIndicatorNamed('weight-for-age')!;
    const model = buildChartModel(chart, girl, [measured('a&b', 'weight', 8, '2024-07-01')], tables);
    const svg = renderChartSvg(model, { ...chartLabels(chart, 'female', 'en'), title: 'x < y' });
    expect(svg).toContain('<title id="chart-title">x &#60; y</title>');
    expect(svg).toContain('data-observation="a&#38;b"');
    const cx = Number(/<circle[^>]* cx="([\d.]+)"/.exec(svg)![1]);
    // left 52 + (x − 0)/(24 − 0) × 274 user units.
    expect(cx).toBeCloseTo(52 + (182 / 30.4375 / 24) * 274, 1);
  });

  it('picks round ticks', () => {
    expect(ticks(0, 24, 6)).toEqual([0, 5, 10, 15, 20]);
    expect(ticks(1.7, 17.9, 8)).toEqual([2, 4, 6, 8, 10, 12, 14, 16]);
  });
});
