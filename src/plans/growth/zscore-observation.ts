/**
 * The KzGrowthZScore Observation of one score (decision 025 fixes the shape escalation reads):
 * a deterministic id from the indicator and the measurement the score belongs to, so a repeated
 * or corrected measurement rewrites the same Observation.
 * @see https://hl7.org/fhir/R4/observation.html
 * @module
 */
import { sha256Hex } from '../../lib/sha256-hex.js';
import { classifyZ } from './classify.js';
import type { GrowthScore } from './compute-zscores.js';
import {
  classificationBands,
  GROWTH_INDICATOR_SYSTEM,
  KZ_GROWTH_ZSCORE_PROFILE,
  OBSERVATION_CATEGORY_SYSTEM,
  OBSERVATION_INTERPRETATION_SYSTEM,
  PATRONAGE_CODE_SYSTEM,
  termDisplay,
  WHO_GROWTH_CLASSIFICATION_SYSTEM,
} from './growth-terms.js';
import type { GrowthIndicator } from './growth-indicators.js';
import type { Measurement } from './measurements.js';

const HL7_DISPLAY = { N: 'Normal', L: 'Low', H: 'High' } as const;
const MAX_ID_LENGTH = 64;

/**
 * `gz-<indicator>-<anchor id>`, or `gz-<indicator>-<40 hex digits of SHA-256(anchor id)>` when
 * that would pass the 64 characters of a FHIR id.
 * @see https://hl7.org/fhir/R4/datatypes.html#id
 */
export async function zScoreId(indicator: GrowthIndicator, anchorId: string): Promise<string> {
  const readable = `gz-${indicator}-${anchorId}`;
  if (readable.length <= MAX_ID_LENGTH) return readable;
  return `gz-${indicator}-${(await sha256Hex(anchorId)).slice(0, 40)}`;
}

/** What a z-score Observation is built from. */
export interface ZScoreInput {
  id: string;
  score: GrowthScore;
  /** The measurement the score belongs to (subject, encounter and time come from it). */
  anchor: Measurement;
  /** The measurements it is computed from, the anchor first. */
  derivedFrom: readonly Measurement[];
}

/** The KzGrowthZScore Observation of `input`. */
export function toZScoreObservation({ id, score, anchor, derivedFrom }: ZScoreInput): fhir4.Observation {
  const classification = classifyZ(score.indicator, score.z, score.implausible, classificationBands());
  const observation: fhir4.Observation = {
    resourceType: 'Observation',
    id,
    meta: { profile: [KZ_GROWTH_ZSCORE_PROFILE] },
    status: 'final',
    category: [{ coding: [{ system: OBSERVATION_CATEGORY_SYSTEM, code: 'exam', display: 'Exam' }] }],
    code: {
      coding: [
        {
          system: GROWTH_INDICATOR_SYSTEM,
          code: score.indicator,
          display: termDisplay(GROWTH_INDICATOR_SYSTEM, score.indicator),
        },
      ],
    },
    subject: { reference: `Patient/${anchor.patientId}` },
    effectiveDateTime: anchor.effective,
    valueQuantity: { value: score.z, unit: 'z-score', system: 'http://unitsofmeasure.org', code: '{z-score}' },
    interpretation: [
      {
        coding: [
          {
            system: WHO_GROWTH_CLASSIFICATION_SYSTEM,
            code: classification.code,
            display: termDisplay(WHO_GROWTH_CLASSIFICATION_SYSTEM, classification.code),
          },
          {
            system: OBSERVATION_INTERPRETATION_SYSTEM,
            code: classification.hl7,
            display: HL7_DISPLAY[classification.hl7],
          },
        ],
      },
    ],
    method: {
      coding: [
        {
          system: PATRONAGE_CODE_SYSTEM,
          code: 'who-anthro-lms',
          display: termDisplay(PATRONAGE_CODE_SYSTEM, 'who-anthro-lms'),
        },
      ],
      text: methodText(score),
    },
    derivedFrom: derivedFrom.map((m) => ({ reference: `Observation/${m.id}` })),
  };
  if (anchor.encounter) observation.encounter = { reference: anchor.encounter };
  return observation;
}

function methodText(score: GrowthScore): string {
  const tails = score.z !== score.lmsZ ? `, restricted tails (LMS z ${score.lmsZ})` : '';
  return `WHO Child Growth Standards 2006, ${score.table}${tails}`;
}
