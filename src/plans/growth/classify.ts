/**
 * The WHO classification of a z-score, with the cut-offs read from the guide's
 * who-growth-classification code system (each concept's `indicator`, `z-lower` and `z-upper`
 * properties): thresholds are data, versioned in profiles/, not constants here.
 * @module
 */
import type { GrowthIndicator } from './growth-indicators.js';

/** The system of the WHO classification codes. */
export const WHO_GROWTH_CLASSIFICATION_SYSTEM = 'https://fhir.patronage.kz/CodeSystem/who-growth-classification';

/** A class of one or more indicators with its z-score bounds (a missing bound is open). */
export interface ClassificationBand {
  code: string;
  display: string;
  indicators: readonly string[];
  lower?: number;
  upper?: number;
}

/** The classes of the code system that carry an indicator. */
export function bandsFromCodeSystem(codeSystem: fhir4.CodeSystem): ClassificationBand[] {
  const bands: ClassificationBand[] = [];
  for (const concept of codeSystem.concept ?? []) {
    const properties = concept.property ?? [];
    const indicators = properties.filter((p) => p.code === 'indicator').map((p) => p.valueCode!);
    if (indicators.length === 0) continue;
    const lower = properties.find((p) => p.code === 'z-lower')?.valueDecimal;
    const upper = properties.find((p) => p.code === 'z-upper')?.valueDecimal;
    bands.push({
      code: concept.code,
      display: concept.display ?? concept.code,
      indicators,
      ...(lower !== undefined ? { lower } : {}),
      ...(upper !== undefined ? { upper } : {}),
    });
  }
  return bands;
}

/** A classification: the WHO class and the HL7 interpretation that goes with it. */
export interface Classification {
  code: string;
  /** HL7 v3 ObservationInterpretation: N within range, L below, H above. */
  hl7: 'N' | 'L' | 'H';
}

/**
 * The class of `z` for `indicator`: `implausible` when flagged; else the band that holds it (a
 * low band, below zero, holds lower ≤ z < upper; a high band lower < z ≤ upper, as the WHO
 * cut-offs read "below −2", "above +2"); else `normal`.
 */
export function classifyZ(
  indicator: GrowthIndicator,
  z: number,
  implausible: boolean,
  bands: readonly ClassificationBand[],
): Classification {
  if (implausible) return { code: 'implausible', hl7: z < 0 ? 'L' : 'H' };
  for (const band of bands) {
    if (!band.indicators.includes(indicator)) continue;
    const low = isLowBand(band);
    if (low ? inLowBand(band, z) : inHighBand(band, z)) return { code: band.code, hl7: low ? 'L' : 'H' };
  }
  // No class for this z (also an indicator without classes, such as MUAC-for-age): normal.
  return { code: 'normal', hl7: 'N' };
}

function isLowBand(band: ClassificationBand): boolean {
  return band.upper !== undefined && band.upper <= 0;
}

function inLowBand(band: ClassificationBand, z: number): boolean {
  return (band.lower === undefined || band.lower <= z) && z < band.upper!;
}

function inHighBand(band: ClassificationBand, z: number): boolean {
  return (band.lower === undefined || band.lower < z) && (band.upper === undefined || z <= band.upper);
}
