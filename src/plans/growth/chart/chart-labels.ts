/**
 * The chart's words in Kazakh, Russian and English, and the choice among them by
 * `Accept-Language` (RFC 9110 §12.5.4: the highest-weighted language we have; English when none).
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-12.5.4
 * @module
 */
import type { Language } from '../growth-terms.js';
import type { ChartIndicator } from './chart-indicators.js';

/** Languages the chart speaks, in the order preferred on a tie. */
export const CHART_LANGUAGES: readonly Language[] = ['kk', 'ru', 'en'];

type Words = Readonly<Record<Language, string>>;

const TITLES: Readonly<Record<string, Words>> = {
  'weight-for-age': { kk: 'Жасқа сәйкес салмақ', ru: 'Масса тела к возрасту', en: 'Weight-for-age' },
  'length-height-for-age': { kk: 'Жасқа сәйкес бой', ru: 'Длина/рост к возрасту', en: 'Length/height-for-age' },
  'weight-for-length-height': {
    kk: 'Бойға сәйкес салмақ',
    ru: 'Масса тела к длине/росту',
    en: 'Weight-for-length/height',
  },
  'bmi-for-age': { kk: 'Жасқа сәйкес ДСИ', ru: 'ИМТ к возрасту', en: 'BMI-for-age' },
  'head-circumference-for-age': {
    kk: 'Жасқа сәйкес бас шеңбері',
    ru: 'Окружность головы к возрасту',
    en: 'Head circumference-for-age',
  },
  'arm-circumference-for-age': {
    kk: 'Жасқа сәйкес иық шеңбері',
    ru: 'Окружность плеча к возрасту',
    en: 'Arm circumference-for-age',
  },
};

const SEX: Readonly<Record<'male' | 'female', Words>> = {
  male: { kk: 'ұлдар', ru: 'мальчики', en: 'boys' },
  female: { kk: 'қыздар', ru: 'девочки', en: 'girls' },
};

const AGE_MONTHS: Words = { kk: 'Жасы (ай)', ru: 'Возраст (мес.)', en: 'Age (months)' };
const LENGTH_CM: Words = { kk: 'Бойы (см)', ru: 'Длина/рост (см)', en: 'Length/height (cm)' };
const Y_AXES: Readonly<Record<string, Words>> = {
  'weight-for-age': { kk: 'Салмағы (кг)', ru: 'Масса (кг)', en: 'Weight (kg)' },
  'length-height-for-age': LENGTH_CM,
  'weight-for-length-height': { kk: 'Салмағы (кг)', ru: 'Масса (кг)', en: 'Weight (kg)' },
  'bmi-for-age': { kk: 'ДСИ (кг/м²)', ru: 'ИМТ (кг/м²)', en: 'BMI (kg/m²)' },
  'head-circumference-for-age': { kk: 'Бас шеңбері (см)', ru: 'Окружность головы (см)', en: 'Head circumference (cm)' },
  'arm-circumference-for-age': { kk: 'Иық шеңбері (см)', ru: 'Окружность плеча (см)', en: 'Arm circumference (cm)' },
};
const NO_POINTS: Words = { kk: 'Өлшеулер жоқ', ru: 'Нет измерений', en: 'No measurements' };
const SOURCE: Words = {
  kk: 'ДДҰ бала өсу стандарттары',
  ru: 'Стандарты роста детей ВОЗ',
  en: 'WHO Child Growth Standards',
};

/** Every word of one chart in one language. */
export interface ChartLabels {
  language: Language;
  title: string;
  xAxis: string;
  yAxis: string;
  noPoints: string;
  source: string;
}

/** The labels of `chart` for a child of `sex`, in `language`. */
export function chartLabels(chart: ChartIndicator, sex: 'male' | 'female', language: Language): ChartLabels {
  return {
    language,
    title: `${TITLES[chart.name]![language]}, ${SEX[sex][language]}`,
    xAxis: chart.xAxis === 'age' ? AGE_MONTHS[language] : LENGTH_CM[language],
    yAxis: Y_AXES[chart.name]![language],
    noPoints: NO_POINTS[language],
    source: SOURCE[language],
  };
}

/** The language `Accept-Language` prefers among kk, ru and en; English when it names none of them. */
export function negotiateLanguage(acceptLanguage: string | null | undefined): Language {
  let best: { language: Language; weight: number } | undefined;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const [range = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    const language = CHART_LANGUAGES.find((l) => range === l || range.startsWith(`${l}-`));
    if (!language || !(weight > 0)) continue;
    if (!best || weight > best.weight) best = { language, weight };
  }
  return best?.language ?? 'en';
}
