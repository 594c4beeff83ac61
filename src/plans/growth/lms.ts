/**
 * The LMS method of the WHO Child Growth Standards and its restricted tails.
 * @see https://www.who.int/publications/i/item/924154693X (Methods and development, chapter 7)
 * @module
 */
import type { Lms } from './lms-table.js';

/** The plain LMS z-score of `y`: ((y/M)^L − 1)/(L·S), or ln(y/M)/S when L is 0. */
export function lmsZ(y: number, { l, m, s }: Lms): number {
  return l === 0 ? Math.log(y / m) / s : ((y / m) ** l - 1) / (l * s);
}

/** The measurement at z-score `k` on the LMS curve: M·(1 + L·S·k)^(1/L), or M·e^(S·k) when L is 0. */
export function lmsValueAt(k: number, { l, m, s }: Lms): number {
  return l === 0 ? m * Math.exp(s * k) : m * (1 + l * s * k) ** (1 / l);
}

/**
 * The WHO restricted z-score: beyond ±3 SD the distance from the SD3 curve is measured in units
 * of the SD2–SD3 distance on that side, because the LMS curves stretch too far in the tails.
 */
export function restrictedZ(y: number, lms: Lms): number {
  const z = lmsZ(y, lms);
  if (z > 3) {
    const sd3 = lmsValueAt(3, lms);
    return 3 + (y - sd3) / (sd3 - lmsValueAt(2, lms));
  }
  if (z < -3) {
    const sd3 = lmsValueAt(-3, lms);
    return -3 + (y - sd3) / (lmsValueAt(-2, lms) - sd3);
  }
  return z;
}

/** Rounds to 2 decimals, halves away from zero, as the z-scores are reported (never −0). */
export function roundZ(z: number): number {
  return (Math.sign(z) * Math.round(Math.abs(z) * 100)) / 100 || 0;
}
