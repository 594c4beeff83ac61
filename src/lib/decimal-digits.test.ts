import { describe, expect, it } from 'vitest';
import { digitAt, digitsAt } from './decimal-digits.js';

describe('decimal digits', () => {
  it('reads digits in place', () => {
    expect(digitAt('2025-08-20', 3)).toBe(5);
    expect(digitsAt('2025-08-20', 0, 4)).toBe(2025);
    expect(digitsAt('2025-08-20', 5, 2)).toBe(8);
    expect(digitsAt('2025-08-20', 8, 2)).toBe(20);
  });

  it('gives NaN for anything but an ASCII digit, or past the end', () => {
    expect(digitAt('2025-08-20', 4)).toBeNaN();
    expect(digitAt('12', 2)).toBeNaN();
    expect(digitsAt('20a5', 0, 4)).toBeNaN();
    expect(digitsAt('٢٠٢٥', 0, 4)).toBeNaN(); // Arabic-Indic digits are not ASCII digits
    expect(digitsAt(' 12', 0, 3)).toBeNaN();
  });
});
