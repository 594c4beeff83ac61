/**
 * The six indicators the gateway scores, as the WHO defines them: their LMS table, whether the
 * restricted tails apply, the age range, and the WHO flags for biologically implausible values.
 * The codes are those of the guide's growth-indicator code system, whose properties record the
 * same flags (profiles/input/fsh/cs-child.fsh).
 * @see https://www.who.int/tools/child-growth-standards/software (WHO Anthro: flag limits)
 * @module
 */

/** Codes of https://fhir.patronage.kz/CodeSystem/growth-indicator. */
export const GROWTH_INDICATORS = ['wfa-z', 'lhfa-z', 'wflh-z', 'bmifa-z', 'hcfa-z', 'acfa-z'] as const;
export type GrowthIndicator = (typeof GROWTH_INDICATORS)[number];

/** The file stems of the WHO tables (`<stem>.txt`). */
export const GROWTH_TABLE_NAMES = [
  'weianthro',
  'lenanthro',
  'wflanthro',
  'wfhanthro',
  'bmianthro',
  'hcanthro',
  'acanthro',
] as const;
export type GrowthTableName = (typeof GROWTH_TABLE_NAMES)[number];

/** How one indicator is scored. */
export interface IndicatorRule {
  /** Restricted tails beyond ±3 SD (weight-based indicators and MUAC). */
  restricted: boolean;
  /** A z-score below this is implausible. */
  implausibleBelow: number;
  /** A z-score above this is implausible. */
  implausibleAbove: number;
  /** First age in days with a score (MUAC-for-age starts at 3 months). */
  fromDay: number;
}

/** The scoring rule of each indicator. */
export const INDICATOR_RULES: Readonly<Record<GrowthIndicator, IndicatorRule>> = {
  'wfa-z': { restricted: true, implausibleBelow: -6, implausibleAbove: 5, fromDay: 0 },
  'lhfa-z': { restricted: false, implausibleBelow: -6, implausibleAbove: 6, fromDay: 0 },
  'wflh-z': { restricted: true, implausibleBelow: -5, implausibleAbove: 5, fromDay: 0 },
  'bmifa-z': { restricted: true, implausibleBelow: -5, implausibleAbove: 5, fromDay: 0 },
  'hcfa-z': { restricted: false, implausibleBelow: -5, implausibleAbove: 5, fromDay: 0 },
  'acfa-z': { restricted: true, implausibleBelow: -5, implausibleAbove: 5, fromDay: 91 },
};

/** Days before which a child gets z-scores: the tables end at 1826 days (under 60 months). */
export const SCORED_BEFORE_DAY = 1827;

/** Age in days from which length/height is a standing height (24 months). */
export const STANDING_FROM_DAY = 731;

/** The difference between recumbent length and standing height, in cm. */
export const LYING_STANDING_DIFFERENCE_CM = 0.7;

/** Days per month in the WHO age conversion. */
export const DAYS_PER_MONTH = 30.4375;
