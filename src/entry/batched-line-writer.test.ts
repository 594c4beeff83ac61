import { describe, expect, it } from 'vitest';
import { createBatchedLineWriter } from './batched-line-writer.js';

describe('createBatchedLineWriter', () => {
  it('writes the lines of one turn together, in order, after the turn', async () => {
    const writes: string[] = [];
    const write = createBatchedLineWriter({ write: (text: string) => writes.push(text) });
    write('{"a":1}');
    write('{"a":2}');
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual(['{"a":1}\n{"a":2}\n']);
    write('{"a":3}');
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual(['{"a":1}\n{"a":2}\n', '{"a":3}\n']);
  });

  it('writes at once when a turn holds many lines', () => {
    const writes: string[] = [];
    const write = createBatchedLineWriter({ write: (text: string) => writes.push(text) });
    for (let i = 0; i < 600; i++) write(String(i));
    expect(writes.length).toBe(1);
    expect(writes[0]!.split('\n').length - 1).toBe(512);
  });
});
