import { describe, expect, it } from 'vitest';
import { fixtureGrowthTables } from '../../../test/growth/growth-tables-fixture.js';
import { computeGrowthZScores, type GrowthMeasurements, type GrowthScore } from './compute-zscores.js';
import type { GrowthIndicator } from './growth-indicators.js';
import { lmsValueAt, lmsZ, restrictedZ } from './lms.js';
import { parseLmsTable } from './lms-table.js';

const tables = fixtureGrowthTables();

function scoreOf(measured: GrowthMeasurements, indicator: GrowthIndicator): GrowthScore | undefined {
  return computeGrowthZScores(measured, tables).scores.find((s) => s.indicator === indicator);
}

const boyAtBirth = { sex: 'male', ageDays: 0 } as const;

describe('WHO growth z-scores: the test vectors of docs/domain.md §5', () => {
  // weianthro, boy, day 0: L 0.3487, M 3.3464, S 0.14602.
  it.each([
    [3.3464, 0, 0],
    [2.5, -1.9, -1.9],
    [2.0, -3.23, -3.21],
    [1.8, -3.82, -3.74],
    [5.5, 3.72, 3.77],
  ])('weight-for-age of a boy at day 0 weighing %s kg: LMS z %s, reported z %s', (weightKg, plain, reported) => {
    const score = scoreOf({ ...boyAtBirth, weightKg }, 'wfa-z')!;
    expect(score.lmsZ).toBe(plain);
    expect(score.z).toBe(reported);
    expect(score.implausible).toBe(false);
    expect(score.table).toBe('weianthro');
  });

  it('the SD curves of that row are 2.08, 2.46, 4.42 and 5.03 kg', () => {
    const row = tables.weianthro.rows[1].get(0)!;
    expect([-3, -2, 2, 3].map((k) => lmsValueAt(k, row).toFixed(2))).toEqual(['2.08', '2.46', '4.42', '5.03']);
  });

  it('weight-for-length of a boy of 50 cm weighing 2.4 kg: LMS z −3.90, restricted −3.81', () => {
    const score = scoreOf({ sex: 'male', ageDays: 10, weightKg: 2.4, lengthCm: 50, position: 'lying' }, 'wflh-z')!;
    expect(score).toMatchObject({ lmsZ: -3.9, z: -3.81, table: 'wflanthro' });
  });
});

describe('WHO growth z-scores: reference values computed by hand from the table rows', () => {
  it('length-for-age is plain LMS; with L = 1 it is (y − M)/(M·S)', () => {
    // lenanthro, girl, day 365: L 1, M 74.0049, S 0.03479. 70 cm: (70 − 74.0049)/(74.0049 × 0.03479)
    // = −4.0049/2.5746 = −1.5555 → −1.56.
    expect(scoreOf({ sex: 'female', ageDays: 365, lengthCm: 70, position: 'lying' }, 'lhfa-z')).toMatchObject({
      z: -1.56,
      implausible: false,
    });
  });

  it('head circumference-for-age keeps the plain LMS value in the tail (no restriction)', () => {
    // hcanthro, boy, day 200: L 1, M 43.715, S 0.02809. 38 cm: (38 − 43.715)/(43.715 × 0.02809)
    // = −5.715/1.22795 = −4.6541 → −4.65 (with L = 1 the curves are evenly spaced, so a restriction
    // would not change it; what matters is that the flag is judged on this value).
    expect(scoreOf({ sex: 'male', ageDays: 200, headCircumferenceCm: 38 }, 'hcfa-z')).toMatchObject({
      z: -4.65,
      lmsZ: -4.65,
      implausible: false,
    });
    // hcanthro, girl, day 60: L 1, M 38.2106, S 0.03169. 32 cm: −6.2106/1.21089 = −5.1289 → −5.13,
    // beyond the |z| > 5 flag.
    expect(scoreOf({ sex: 'female', ageDays: 60, headCircumferenceCm: 32 }, 'hcfa-z')).toMatchObject({
      z: -5.13,
      implausible: true,
    });
  });

  it('weight-for-age in the range: girl at day 365, 7.0 kg', () => {
    // weianthro, girl, day 365: L −0.2022, M 8.9462, S 0.12267.
    // (7/8.9462)^−0.2022 = 1.05082; (1.05082 − 1)/(−0.2022 × 0.12267) = 0.05082/−0.024804 = −2.0503 → −2.05.
    expect(scoreOf({ sex: 'female', ageDays: 365, weightKg: 7 }, 'wfa-z')).toMatchObject({
      z: -2.05,
      implausible: false,
    });
  });

  it('the implausible flags of weight-for-age: above +5 and below −6, on the restricted value', () => {
    // Boy day 0, 9 kg: SD3 5.0306, SD2 4.4194 → 3 + (9 − 5.0306)/(5.0306 − 4.4194) = 3 + 3.9694/0.6112 = 9.49.
    expect(scoreOf({ ...boyAtBirth, weightKg: 9 }, 'wfa-z')).toMatchObject({ z: 9.49, lmsZ: 8.09, implausible: true });
    // Girl day 1000 (L −0.3153, M 13.256, S 0.12729), 5 kg: SD−3 9.2431, SD−2 10.3768
    // → −3 + (5 − 9.2431)/(10.3768 − 9.2431) = −3 − 4.2431/1.1337 = −6.74, below −6.
    expect(scoreOf({ sex: 'female', ageDays: 1000, weightKg: 5 }, 'wfa-z')).toMatchObject({
      z: -6.74,
      implausible: true,
    });
    // Girl day 365 at −2.05 is not flagged (above).
  });

  it('length-for-age is flagged beyond |z| > 6', () => {
    // lenanthro, boy, day 100: M 62.1826, S 0.03306. 40 cm: −22.1826/2.05576 = −10.79.
    expect(scoreOf({ sex: 'male', ageDays: 100, lengthCm: 40, position: 'lying' }, 'lhfa-z')).toMatchObject({
      z: -10.79,
      implausible: true,
    });
  });

  it('weight-for-height interpolates L, M and S between the 0.1 cm rows', () => {
    // wfhanthro, boy: 87.3 cm (L −0.3521, M 12.2382, S 0.08082), 87.4 cm (M 12.2627, S 0.08079).
    // 87.35 cm: M 12.25045, S 0.080805. 11 kg: ((11/12.25045)^−0.3521 − 1)/(−0.3521 × 0.080805)
    // = (1.038618 − 1)/(−0.028451) = −1.3580 → −1.36.
    const score = scoreOf(
      { sex: 'male', ageDays: 1000, weightKg: 11, lengthCm: 87.35, position: 'standing' },
      'wflh-z',
    );
    expect(score).toMatchObject({ z: -1.36, table: 'wfhanthro' });
  });

  it('MUAC-for-age is restricted beyond −3 and starts at day 91', () => {
    // acanthro, boy, day 91: L 0.3933, M 13.4779, S 0.07474; 10 cm: LMS z −3.7679;
    // SD−3 10.6581, SD−2 11.5536 → −3 + (10 − 10.6581)/0.8955 = −3.7349 → −3.73.
    expect(scoreOf({ sex: 'male', ageDays: 91, muacCm: 10 }, 'acfa-z')).toMatchObject({ z: -3.73, lmsZ: -3.77 });
    expect(scoreOf({ sex: 'male', ageDays: 90, muacCm: 10 }, 'acfa-z')).toBeUndefined();
    // acanthro, girl, day 400 (L −0.1733, M 14.2511, S 0.0825), 12 cm: −2.1153 → −2.12.
    expect(scoreOf({ sex: 'female', ageDays: 400, muacCm: 12 }, 'acfa-z')).toMatchObject({ z: -2.12 });
  });

  it('BMI-for-age uses the adjusted length: 12.5 kg, 85.7 cm lying at day 800 is 85.0 cm', () => {
    // BMI 12.5/0.85² = 17.3010. bmianthro, girl, day 800: L −0.5684, M 15.623, S 0.08448 → 1.1733 → 1.17.
    const scoring = computeGrowthZScores(
      { sex: 'female', ageDays: 800, weightKg: 12.5, lengthCm: 85.7, position: 'lying' },
      tables,
    );
    expect(scoring.adjustedLengthCm).toBe(85);
    expect(scoring.bmi).toBeCloseTo(17.301, 3);
    expect(scoring.scores.find((s) => s.indicator === 'bmifa-z')).toMatchObject({ z: 1.17, table: 'bmianthro' });
  });
});

describe('the lying/standing switch at day 731', () => {
  // lenanthro, boy: day 730 L 1, M 87.8018, S 0.03479; day 731 M 87.1303, S 0.03508.
  it.each([
    // 85 lying at 730: (85 − 87.8018)/(87.8018 × 0.03479) = −2.8018/3.05463 = −0.9172.
    [730, 'lying', 85, -0.92],
    // 85 standing at 730 is 85.7 lying: −2.1018/3.05463 = −0.6881.
    [730, 'standing', 85.7, -0.69],
    // 85 lying at 731 is 84.3 standing: (84.3 − 87.1303)/(87.1303 × 0.03508) = −2.8303/3.05653 = −0.9260.
    [731, 'lying', 84.3, -0.93],
    // 85 standing at 731: −2.1303/3.05653 = −0.6970.
    [731, 'standing', 85, -0.7],
  ] as const)('day %i, 85 cm measured %s: scored as %s cm, z %s', (ageDays, position, scoredCm, z) => {
    const scoring = computeGrowthZScores({ sex: 'male', ageDays, lengthCm: 85, position }, tables);
    expect(scoring.adjustedLengthCm).toBe(scoredCm);
    expect(scoring.scores.find((s) => s.indicator === 'lhfa-z')?.z).toBe(z);
  });

  it('chooses weight-for-length before day 731 and weight-for-height from it, by age', () => {
    const at = (ageDays: number) =>
      scoreOf({ sex: 'male', ageDays, weightKg: 12, lengthCm: 86, position: 'standing' }, 'wflh-z')!.table;
    expect(at(730)).toBe('wflanthro');
    expect(at(731)).toBe('wfhanthro');
  });

  it('keeps a length on a table bound after the adjustment: 44.3 cm standing at day 300 is 45.0', () => {
    // wflanthro, girl, 45.0 cm: L −0.3833, M 2.4607, S 0.09029; 2 kg → −2.3896 → −2.39.
    const scoring = computeGrowthZScores(
      { sex: 'female', ageDays: 300, weightKg: 2, lengthCm: 44.3, position: 'standing' },
      tables,
    );
    expect(scoring.adjustedLengthCm).toBe(45);
    expect(scoring.scores.find((s) => s.indicator === 'wflh-z')).toMatchObject({ z: -2.39 });
    // 44.2 standing is 44.9: below the table, no score.
    expect(
      scoreOf({ sex: 'female', ageDays: 300, weightKg: 2, lengthCm: 44.2, position: 'standing' }, 'wflh-z'),
    ).toBeUndefined();
  });

  it('does not adjust a standing height before 9 months and marks its length-based scores implausible', () => {
    const scoring = computeGrowthZScores(
      { sex: 'male', ageDays: 200, weightKg: 7.5, lengthCm: 66, position: 'standing' },
      tables,
    );
    expect(scoring.standingBeforeNineMonths).toBe(true);
    expect(scoring.adjustedLengthCm).toBe(66);
    const implausible = Object.fromEntries(scoring.scores.map((s) => [s.indicator, s.implausible]));
    expect(implausible).toEqual({ 'wfa-z': false, 'lhfa-z': true, 'wflh-z': true, 'bmifa-z': true });
    // From 9 months (day 274 = 9.0021 months) a standing height is adjusted as usual.
    expect(
      computeGrowthZScores({ sex: 'male', ageDays: 274, lengthCm: 66, position: 'standing' }, tables).adjustedLengthCm,
    ).toBe(66.7);
  });
});

describe('the age range', () => {
  it('scores up to day 1826 and not from day 1827', () => {
    expect(scoreOf({ sex: 'female', ageDays: 1826, weightKg: 18 }, 'wfa-z')).toBeDefined();
    expect(computeGrowthZScores({ sex: 'female', ageDays: 1827, weightKg: 18 }, tables).scores).toEqual([]);
    expect(computeGrowthZScores({ sex: 'female', ageDays: -1, weightKg: 3 }, tables).scores).toEqual([]);
  });

  it('gives no score for a measure of zero or less', () => {
    expect(computeGrowthZScores({ ...boyAtBirth, weightKg: 0, headCircumferenceCm: -1 }, tables).scores).toEqual([]);
  });
});

describe('the LMS helpers', () => {
  it('use the log form when L is 0', () => {
    const lms = { l: 0, m: 10, s: 0.1 };
    expect(lmsZ(10 * Math.exp(0.2), lms)).toBeCloseTo(2, 10);
    expect(lmsValueAt(-1, lms)).toBeCloseTo(10 * Math.exp(-0.1), 10);
    expect(restrictedZ(10, lms)).toBe(0);
  });

  it('refuse a malformed table with the line', () => {
    expect(() => parseLmsTable('weianthro', 'sex\tage\tl\tm\ts\n1\t0\t0.3\tx\t0.1')).toThrow(/line 2/);
    expect(() => parseLmsTable('weianthro', 'foo\tbar')).toThrow(/header/);
  });
});
