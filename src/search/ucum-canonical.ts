/**
 * Canonical UCUM form of a quantity, so that `5.4|http://unitsofmeasure.org|mmol/L` finds a
 * value stored in `umol/L`. Conversion by @lhncbc/ucum-lhc (the NLM UCUM library).
 * @see https://hl7.org/fhir/R4/search.html#quantity
 * @module
 */
import ucum from '@lhncbc/ucum-lhc';
import { isPlausibleUcumCode, withUcumGuard } from '../lib/ucum-guard.js';

/** The UCUM code system URI. */
export const UCUM_SYSTEM = 'http://unitsofmeasure.org';

interface BaseUnits {
  status: string;
  magnitude?: number;
  unitToExp?: Record<string, number>;
  fromUnitIsSpecial?: boolean;
}

const utils = ucum.UcumLhcUtils.getInstance() as { convertToBaseUnits(unit: string, value: number): BaseUnits };
// Bounded in count (search parameters bring units of the client's choosing) and key length.
const MAX_CACHED = 2000;
const cache = new Map<string, { factor: number; unit: string } | null>();

/**
 * `value unit` in UCUM base units (`5 mg` → `0.005 g`), or `undefined` when the unit is not
 * UCUM or is a special (non-ratio) unit such as Cel.
 */
export function toCanonicalUcum(value: number, unit: string): { value: number; unit: string } | undefined {
  if (!isPlausibleUcumCode(unit)) return undefined;
  let entry = cache.get(unit);
  if (entry === undefined) {
    entry = baseOf(unit);
    if (cache.size < MAX_CACHED) cache.set(unit, entry);
  }
  if (!entry) return undefined;
  return { value: roundSignificant(value * entry.factor), unit: entry.unit };
}

function baseOf(unit: string): { factor: number; unit: string } | null {
  try {
    const result = withUcumGuard(() => utils.convertToBaseUnits(unit, 1));
    if (result.status !== 'succeeded' || result.fromUnitIsSpecial || result.magnitude === undefined) return null;
    const parts = Object.entries(result.unitToExp ?? {})
      .filter(([, exp]) => exp !== 0)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([u, exp]) => (exp === 1 ? u : `${u}${exp}`));
    return { factor: result.magnitude, unit: parts.join('.') || '1' };
  } catch {
    return null;
  }
}

/** Removes binary floating-point noise (0.1 * 3) so that equal quantities compare equal. */
function roundSignificant(value: number): number {
  return Number(value.toPrecision(12));
}
