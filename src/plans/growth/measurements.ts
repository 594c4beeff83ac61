/**
 * Which Observations are growth measurements, and their value in the units the WHO tables use
 * (kg, cm). The codes are those of the guide's anthropometry profiles
 * (profiles/input/fsh/profiles-anthropometry.fsh) and of the FHIR vital-signs profiles they
 * derive from; docs/domain.md §4 lists them.
 * @see https://hl7.org/fhir/R4/observation-vitalsigns.html
 * @module
 */
import type { MeasurePosition } from './compute-zscores.js';

/** What a measurement measures. */
export type MeasurementKind = 'weight' | 'length' | 'head' | 'muac';

const LOINC = 'http://loinc.org';
const SNOMED = 'http://snomed.info/sct';
const UCUM = 'http://unitsofmeasure.org';
const BODY_POSITION_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/observation-bodyPosition';

/** Codes by kind: `system|code`. */
const MEASUREMENT_CODES: Readonly<Record<string, MeasurementKind>> = {
  [`${LOINC}|29463-7`]: 'weight', // Body weight
  [`${LOINC}|3141-9`]: 'weight', // Body weight measured
  [`${LOINC}|8339-4`]: 'weight', // Birth weight measured
  [`${LOINC}|8302-2`]: 'length', // Body height
  [`${LOINC}|8306-3`]: 'length', // Body height --lying
  [`${LOINC}|8308-9`]: 'length', // Body height --standing
  [`${LOINC}|89269-5`]: 'length', // Body height at birth
  [`${LOINC}|9843-4`]: 'head', // Head occipital-frontal circumference
  [`${LOINC}|8287-5`]: 'head', // Head circumference by tape
  [`${SNOMED}|284473002`]: 'muac', // Mid upper arm circumference (the guide's MUAC code)
  [`${LOINC}|56072-2`]: 'muac', // Circumference mid upper arm
};

/** `system|code` pairs of every measurement code, for a search's `code` parameter. */
export const MEASUREMENT_CODE_TOKENS: readonly string[] = Object.keys(MEASUREMENT_CODES);

/** Factors from UCUM units to kg (weight) or cm (lengths). */
const TO_KG: Readonly<Record<string, number>> = { kg: 1, g: 0.001, '[lb_av]': 0.45359237 };
const TO_CM: Readonly<Record<string, number>> = { cm: 1, mm: 0.1, m: 100, '[in_i]': 2.54 };

/** Measurement statuses that are scored; anything else (entered-in-error, cancelled…) is not. */
const SCORED_STATUSES = new Set(['final', 'amended', 'corrected']);

/** A growth measurement, ready to score. */
export interface Measurement {
  id: string;
  kind: MeasurementKind;
  /** kg for a weight, cm otherwise. */
  value: number;
  /** For a length/height, when the code or the body-position extension says. */
  position?: MeasurePosition;
  patientId: string;
  /** `Encounter/…` as written, when the measurement names its visit. */
  encounter?: string;
  /** The effective dateTime as written (start of a period). */
  effective: string;
  /** Its local date (`YYYY-MM-DD` as written: the offset is the clinic's). */
  localDate: string;
}

/** The kind of `observation`, or undefined when it is no growth measurement. */
export function measurementKind(observation: fhir4.Observation): MeasurementKind | undefined {
  for (const coding of observation.code?.coding ?? []) {
    const kind = MEASUREMENT_CODES[`${coding.system}|${coding.code}`];
    if (kind) return kind;
  }
  return undefined;
}

/**
 * The measurement in `observation`, or undefined when it is none, is not scored (status), names
 * no Patient subject, has no date, or no value in a known UCUM unit.
 */
export function toMeasurement(observation: fhir4.Observation): Measurement | undefined {
  const kind = measurementKind(observation);
  if (!kind || !observation.id || !SCORED_STATUSES.has(observation.status)) return undefined;
  const patientId = patientIdOf(observation.subject?.reference);
  const effective = observation.effectiveDateTime ?? observation.effectivePeriod?.start;
  const value = valueIn(kind, observation.valueQuantity);
  if (!patientId || !effective || value === undefined) return undefined;
  const measurement: Measurement = {
    id: observation.id,
    kind,
    value,
    patientId,
    effective,
    localDate: effective.slice(0, 10),
  };
  const position = kind === 'length' ? positionOf(observation) : undefined;
  if (position) measurement.position = position;
  const encounter = observation.encounter?.reference;
  if (encounter) measurement.encounter = encounter;
  return measurement;
}

/** The id in a relative `Patient/…` reference. */
export function patientIdOf(reference: string | undefined): string | undefined {
  const match = /^Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(reference ?? '');
  return match?.[1];
}

function valueIn(kind: MeasurementKind, quantity: fhir4.Quantity | undefined): number | undefined {
  if (quantity?.value === undefined || (quantity.system !== undefined && quantity.system !== UCUM)) return undefined;
  const factor = (kind === 'weight' ? TO_KG : TO_CM)[quantity.code ?? quantity.unit ?? ''];
  return factor === undefined ? undefined : quantity.value * factor;
}

/** Lying for LOINC 8306-3 or a recumbent body position; standing for 8308-9 or an orthostatic one. */
function positionOf(observation: fhir4.Observation): MeasurePosition | undefined {
  const codes = new Set((observation.code.coding ?? []).map((c) => `${c.system}|${c.code}`));
  if (codes.has(`${LOINC}|8306-3`)) return 'lying';
  if (codes.has(`${LOINC}|8308-9`)) return 'standing';
  const position = observation.extension?.find((e) => e.url === BODY_POSITION_EXTENSION)?.valueCodeableConcept;
  for (const coding of position?.coding ?? []) {
    if (coding.system !== SNOMED) continue;
    if (coding.code === '102538003') return 'lying';
    if (coding.code === '10904000') return 'standing';
  }
  return undefined;
}
