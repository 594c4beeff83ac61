import { describe, expect, it } from 'vitest';
import { DeadlineExceededError, createDeadline } from './deadline.js';

describe('createDeadline', () => {
  it('passes checks within the budget and throws once past it, naming the next stage', () => {
    let now = 1_000;
    const deadline = createDeadline(50, () => now);
    deadline.check('count');
    now = 1_050;
    expect(deadline.remainingMs()).toBe(0);
    deadline.check('count');
    now = 1_051;
    expect(() => deadline.check('includes')).toThrow(DeadlineExceededError);
    expect(() => deadline.check('includes')).toThrow(/50 ms \(stopped before includes\)/);
  });
});
