import { describe, expect, it } from 'vitest';
import { createProgress, renderProgress } from './progress-bar.js';

describe('the CLI progress bar', () => {
  it('draws the share done, the count and the time', () => {
    expect(renderProgress(0, 1000, 0)).toBe(`[${'-'.repeat(30)}]    0/1000 records   0%  0.0 s`);
    expect(renderProgress(450, 1000, 12_345)).toBe(`[${'#'.repeat(14)}${'-'.repeat(16)}]  450/1000 records  45%  12.3 s`);
    expect(renderProgress(1000, 1000, 60_000)).toBe(`[${'#'.repeat(30)}] 1000/1000 records 100%  60.0 s`);
  });

  it('prints a line at each tenth when not on a terminal, and the last at the end', () => {
    const lines: string[] = [];
    const bar = createProgress(100, { write: (t) => lines.push(t), isTTY: false }, () => 0);
    for (let i = 0; i < 100; i++) bar.tick();
    bar.finish();
    expect(lines.map((l) => /(\d+)\/100/.exec(l)?.[1])).toEqual(['10', '20', '30', '40', '50', '60', '70', '80', '90', '100']);
    expect(lines.every((l) => l.endsWith('\n') && !l.includes('\r'))).toBe(true);
  });

  it('redraws in place on a terminal, at most every 100 ms', () => {
    const drawn: string[] = [];
    let clock = 0;
    const bar = createProgress(10, { write: (t) => drawn.push(t), isTTY: true }, () => clock);
    bar.tick(); // drawn
    bar.tick(); // too soon
    clock = 150;
    bar.tick(); // drawn
    bar.finish();
    expect(drawn.map((d) => /(\d+)\/10/.exec(d)?.[1])).toEqual(['1', '3', '3']);
    expect(drawn.every((d) => d.startsWith('\r'))).toBe(true);
    expect(drawn.at(-1)!.endsWith('\n')).toBe(true);
  });
});
