import { describe, expect, it } from 'vitest';
import { preferredLanguage } from './terminology-request.js';

describe('preferredLanguage', () => {
  it('takes the language of highest weight, in header order among equals, never the wildcard', () => {
    expect(preferredLanguage('kk-KZ, ru;q=0.9, en;q=0.8')).toBe('kk-KZ');
    expect(preferredLanguage('en;q=0.5, ru')).toBe('ru');
    expect(preferredLanguage('*, kk;q=0.1')).toBe('kk');
    expect(preferredLanguage('en;q=0')).toBeUndefined();
    expect(preferredLanguage(undefined)).toBeUndefined();
  });
});
