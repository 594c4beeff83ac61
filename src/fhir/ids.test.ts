import { describe, expect, it } from 'vitest';
import { createId, isValidId } from './ids.js';

describe('createId', () => {
  it('is a valid FHIR id in the version 7 UUID layout', () => {
    const id = createId();
    expect(isValidId(id)).toBe(true);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('starts with the creation time in milliseconds, so ids sort by creation time', () => {
    const at = Date.UTC(2026, 10, 30, 12, 0, 0, 1);
    const id = createId(at);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
    const later = Array.from({ length: 50 }, () => createId(at + 1));
    const earlier = Array.from({ length: 50 }, () => createId(at));
    for (const a of earlier) for (const b of later) expect(a < b).toBe(true);
  });

  it('differs between ids of the same millisecond', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => createId(0)));
    expect(ids.size).toBe(1000);
  });
});
