import { describe, expect, it } from 'vitest';
import { isValidBin, isValidIin } from './kz-identifiers.js';

describe('Kazakh identifiers (domain.md §3 test vectors)', () => {
  it('accepts the valid IINs and rejects the invalid one', () => {
    for (const iin of ['061211600012', '900101300017', '850520400015', '110722500010', '240315600000']) {
      expect(isValidIin(iin), iin).toBe(true);
    }
    expect(isValidIin('900101300006')).toBe(false);
    expect(isValidIin('901301300017')).toBe(false); // month 13
    expect(isValidIin('90010130001')).toBe(false);
  });

  it('accepts the example BIN and rejects a wrong type digit', () => {
    expect(isValidBin('040340000017')).toBe(true);
    expect(isValidBin('040370000017')).toBe(false);
  });
});
