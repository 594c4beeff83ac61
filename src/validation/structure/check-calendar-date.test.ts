import { describe, expect, it } from 'vitest';
import { isRealCalendarDate } from './check-calendar-date.js';

describe('isRealCalendarDate', () => {
  it('accepts partial dates and real days', () => {
    for (const v of ['2023', '2023-02', '2024-02-29', '2000-02-29', '2023-12-31T23:59:59Z']) {
      expect(isRealCalendarDate(v), v).toBe(true);
    }
  });
  it('rejects days that do not exist', () => {
    for (const v of ['2023-02-29', '1900-02-29', '2023-04-31', '2023-06-31T10:00:00Z']) {
      expect(isRealCalendarDate(v), v).toBe(false);
    }
  });
});
