/**
 * UCUM units: a Quantity whose system is UCUM must carry a valid UCUM expression as its code,
 * checked with the NLM UCUM library (@lhncbc/ucum-lhc). Results are cached per code.
 * @see https://hl7.org/fhir/R4/datatypes.html#Quantity
 * @see https://ucum.org/ucum
 * @module
 */
import ucum from '@lhncbc/ucum-lhc';
import { MAX_UCUM_CODE_LENGTH, isPlausibleUcumCode, withUcumGuard } from '../../lib/ucum-guard.js';
import { report, type WalkContext } from '../walk-context.js';
import { pathText, type WalkPath } from '../walk-path.js';

const UCUM_SYSTEM = 'http://unitsofmeasure.org';

const utils = ucum.UcumLhcUtils.getInstance() as {
  validateUnitString(unit: string, suggest: boolean): { status: string };
};
const MAX_CACHED = 2000;
const cache = new Map<string, boolean>();

function isUcum(code: string): boolean {
  // Only plausible codes reach the library or the cache (bounded in count and key length).
  if (!isPlausibleUcumCode(code)) return false;
  let valid = cache.get(code);
  if (valid === undefined) {
    try {
      valid = withUcumGuard(() => utils.validateUnitString(code, false).status === 'valid');
    } catch {
      valid = false;
    }
    if (cache.size < MAX_CACHED) cache.set(code, valid);
  }
  return valid;
}

/** Checks the unit code of the Quantity `value` at `path`. */
export function checkUcum(ctx: WalkContext, value: unknown, path: WalkPath): void {
  const { system, code } = value as { system?: unknown; code?: unknown };
  if (system !== UCUM_SYSTEM || typeof code !== 'string') return;
  if (!isUcum(code)) {
    // The message quotes short codes only: a huge one would be echoed in every answer that cites it.
    const quoted = code.length <= MAX_UCUM_CODE_LENGTH ? `'${code}'` : `A code of ${code.length} characters`;
    report(ctx, { code: 'code-invalid', message: `${quoted} is not a valid UCUM unit` }, `${pathText(path)}.code`);
  }
}
