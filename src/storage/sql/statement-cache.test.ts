import { describe, expect, it } from 'vitest';
import { createStatementCache } from './statement-cache.js';

function counting(limit: number) {
  const prepared: string[] = [];
  const cache = createStatementCache((sql) => {
    prepared.push(sql);
    return { sql };
  }, limit);
  return { cache, prepared };
}

describe('createStatementCache', () => {
  it('prepares a SQL text once and returns the same statement on later calls', () => {
    const { cache, prepared } = counting(4);
    const first = cache('SELECT 1');
    expect(cache('SELECT 1')).toBe(first);
    expect(prepared).toEqual(['SELECT 1']);
  });

  it('keeps at most `limit` statements, dropping the least recently used', () => {
    const { cache, prepared } = counting(2);
    cache('a');
    cache('b');
    cache('a'); // a is now more recent than b
    cache('c'); // evicts b
    cache('a');
    cache('b'); // prepared again, evicts c
    expect(prepared).toEqual(['a', 'b', 'c', 'b']);
  });
});
