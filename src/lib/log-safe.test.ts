import { describe, expect, it } from 'vitest';
import { logSafe, logSafeError } from './log-safe.js';

describe('logSafe', () => {
  it('cuts long values and says how much was cut', () => {
    const out = logSafe('x'.repeat(1_000_000));
    expect(out.length).toBeLessThan(400);
    expect(out).toContain('999700 more characters');
  });
  it('flattens control characters so a value cannot forge a log line', () => {
    expect(logSafe('a\nb\r\u0000c\u001b[31m\u2028d')).toBe('a b  c [31m d');
  });
  it('serialises objects and caps them too', () => {
    expect(logSafe({ a: 'y'.repeat(1000) }, 20)).toMatch(/^\{"a":"y{14}… \(/);
  });
});

describe('logSafeError', () => {
  it('keeps one line: the capped message and a few stack frames', () => {
    const out = logSafeError(new Error(`bad ${'z'.repeat(1_000_000)}\nforged line`));
    expect(out).not.toContain('\n');
    expect(out.length).toBeLessThan(2000);
    expect(out).toMatch(/^Error: bad z+… \(\d+ more characters\)/);
  });
});
