import { describe, expect, it } from 'vitest';
import { keyedPipeline } from './keyed-pipeline.js';

/** A task that ends when the test says so, recording when it started. */
function gate(log: string[], name: string) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    open: () => open(),
    task: async () => {
      log.push(`start ${name}`);
      await opened;
      return name;
    },
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('keyedPipeline', () => {
  it('runs up to the limit at once and reports in the order tasks were added', async () => {
    const log: string[] = [];
    const results: string[] = [];
    const pipeline = keyedPipeline<string>(2, (r) => results.push(r));
    const [a, b, c] = [gate(log, 'a'), gate(log, 'b'), gate(log, 'c')];
    await pipeline.add(['1'], a.task);
    await pipeline.add(['2'], b.task);
    const third = pipeline.add(['3'], c.task);
    await tick();
    expect(log).toEqual(['start a', 'start b']);
    b.open();
    await third;
    expect(log).toEqual(['start a', 'start b', 'start c']);
    c.open();
    await tick();
    expect(results).toEqual([]); // a still runs: b and c wait to be reported after it
    a.open();
    await pipeline.finish();
    expect(results).toEqual(['a', 'b', 'c']);
  });

  it('never runs two tasks that share a key at once', async () => {
    const log: string[] = [];
    const pipeline = keyedPipeline<string>(4, () => undefined);
    const [a, b] = [gate(log, 'a'), gate(log, 'b')];
    await pipeline.add(['child-1', 'mother-1'], a.task);
    const second = pipeline.add(['child-2', 'mother-1'], b.task);
    await tick();
    expect(log).toEqual(['start a']);
    a.open();
    await second;
    expect(log).toEqual(['start a', 'start b']);
    b.open();
    await pipeline.finish();
  });

  it("finish rejects with a task's error", async () => {
    const pipeline = keyedPipeline<string>(2, () => undefined);
    await pipeline.add([], () => Promise.reject(new Error('lost')));
    await pipeline.add([], () => Promise.resolve('fine'));
    await expect(pipeline.finish()).rejects.toThrow('lost');
  });
});
