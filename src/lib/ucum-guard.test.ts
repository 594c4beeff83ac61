import { describe, expect, it } from 'vitest';
import { isPlausibleUcumCode, withUcumGuard } from './ucum-guard.js';

describe('isPlausibleUcumCode', () => {
  it('accepts UCUM-shaped codes and refuses blanks, controls, non-ASCII and huge strings', () => {
    for (const code of ['mg', 'mmol/L', '10*3/uL', '{score}', "m'", '[in_i]'])
      expect(isPlausibleUcumCode(code), code).toBe(true);
    for (const code of ['', 'm g', 'mg\n', 'мг', 'a'.repeat(257)]) expect(isPlausibleUcumCode(code), code).toBe(false);
  });
});

describe('withUcumGuard', () => {
  it('drops console output during the call and restores the console after it, even when it throws', () => {
    const log = console.log;
    const seen: unknown[] = [];
    console.log = (...args: unknown[]) => seen.push(args);
    try {
      expect(withUcumGuard(() => (console.log('inside'), 42))).toBe(42);
      expect(() =>
        withUcumGuard(() => {
          throw new Error('x');
        }),
      ).toThrow('x');
      console.log('after');
      expect(seen).toEqual([['after']]);
    } finally {
      console.log = log;
    }
  });
});
