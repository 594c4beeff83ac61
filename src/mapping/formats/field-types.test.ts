import { describe, expect, it } from 'vitest';
import { normalizeField, readDate, readNumber, renderField } from './field-types.js';
import type { FieldDefinition } from './format-definition.js';

const SEX = new Map([
  ['м', 'м'],
  ['ж', 'ж'],
]);
const SIGNS = new Map([
  ['желтуха', 'желтуха'],
  ['температура выше 37,5', 'температура выше 37,5'],
]);
const none = new Map<string, string>();
const field = (f: Partial<FieldDefinition> & Pick<FieldDefinition, 'type'>) => f as FieldDefinition;

describe('field types of the local formats', () => {
  it('reads local, slashed and ISO dates, and refuses dates that do not exist', () => {
    expect(['20.08.2025', '20/08/2025', '2025-08-20', ' 20.8.2025 '].map(readDate)).toEqual(Array(4).fill('2025-08-20'));
    expect(['31.02.2025', '29.02.2025', '2025-13-01', 'вчера'].map(readDate)).toEqual(Array(4).fill(undefined));
    expect(readDate('29.02.2024')).toBe('2024-02-29');
  });

  it('reads a decimal comma or point', () => {
    expect(['54,9', '54.9', ' 54,9 ', 54.9].map(readNumber)).toEqual([54.9, 54.9, 54.9, 54.9]);
    expect(readNumber('54,9 см')).toBeUndefined();
  });

  it('matches dictionary values whatever their case and spaces, and refuses unknown ones', () => {
    expect(normalizeField(' Ж ', field({ type: 'code' }), SEX)).toEqual({ ok: true, value: 'ж' });
    const unknown = normalizeField('девочка', field({ type: 'code' }), SEX);
    expect(unknown.ok).toBe(false);
  });

  it('splits a CSV list on commas but not on a decimal comma inside a value', () => {
    expect(normalizeField('Желтуха, температура выше 37,5', field({ type: 'codes' }), SIGNS)).toEqual({ ok: true, value: ['желтуха', 'температура выше 37,5'] });
    expect(normalizeField('', field({ type: 'codes' }), SIGNS)).toEqual({ ok: true, value: [] });
  });

  it('refuses grams that are plainly kilograms, and implausible weights', () => {
    const grams = field({ type: 'grams', min: 300, max: 40000 });
    expect(normalizeField('3960', grams, none)).toEqual({ ok: true, value: 3960 });
    const kilograms = normalizeField('3,96', grams, none);
    expect(kilograms.ok === false && kilograms.message).toContain('kilograms');
    expect(normalizeField(120000, grams, none).ok).toBe(false);
  });

  it('checks IIN check digits and BIN structure', () => {
    expect(normalizeField('250820560322', field({ type: 'iin' }), none).ok).toBe(true);
    expect(normalizeField('250820560323', field({ type: 'iin' }), none).ok).toBe(false);
    expect(normalizeField('090140777557', field({ type: 'bin' }), none).ok).toBe(true);
  });

  it('writes values back as the export does', () => {
    expect(renderField('2025-08-20', field({ type: 'date' }))).toBe('20.08.2025');
    expect(renderField('09:00', field({ type: 'time' }))).toBe('9:00');
    expect(renderField(35, field({ type: 'decimal', decimals: 1 }))).toBe('35,0');
  });
});
