import { describe, expect, it } from 'vitest';
import { DeadlineExceededError } from '../lib/deadline.js';
import { QueryTooComplexError } from '../storage/port.js';
import { errorToResponse } from './errors.js';

describe('errorToResponse', () => {
  it('answers a spent time budget with 503 too-costly and Retry-After', async () => {
    const response = errorToResponse(new DeadlineExceededError('the count', 2500), 'r1');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(response.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    const outcome = (await response.json()) as fhir4.OperationOutcome;
    expect(outcome.issue[0]).toMatchObject({ severity: 'error', code: 'too-costly' });
    expect(outcome.issue[0]!.details?.text).toMatch(/2500 ms \(stopped before the count\)/);
  });

  it('answers a query the database refuses as too complex with 400, not 500', async () => {
    const response = errorToResponse(new QueryTooComplexError('Expression tree is too large'), 'r2');
    expect(response.status).toBe(400);
    const outcome = (await response.json()) as fhir4.OperationOutcome;
    expect(outcome.issue[0]).toMatchObject({ severity: 'error', code: 'too-costly' });
  });
});
