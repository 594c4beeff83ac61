/** Backoff, Retry-After, the attempt limit, and destinations read from the environment. */
import { describe, expect, it } from 'vitest';
import { parseDestinations, tokenVariable, type Destination } from './destinations.js';
import { reportOf } from './dispatcher.js';
import { backoffMs, retryAfterMs } from './retry-policy.js';
import type { Delivery } from './outbox-queue.js';

const destination: Destination = {
  name: 'national',
  kind: 'fhir',
  url: 'http://national.test/fhir',
  resourceTypes: ['Patient'],
  maxAttempts: 3,
  timeoutMs: 1000,
  backoffBaseMs: 100,
  backoffMaxMs: 1000,
};

const delivery = (attempts: number): Delivery => ({
  seq: 1,
  destination: 'national',
  resourceType: 'Patient',
  id: 'p',
  versionId: '1',
  method: 'POST',
  orderKey: 'Patient/p',
  state: 'pending',
  attempts,
  nextAttemptMs: 0,
  createdMs: 0,
});

describe('backoff', () => {
  it('doubles per attempt within the upper half of its step, capped', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(destination, n, () => 0))).toEqual([50, 100, 200, 400, 500]);
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(destination, n, () => 1))).toEqual([100, 200, 400, 800, 1000]);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('120', 0)).toBe(120_000);
    expect(retryAfterMs('Tue, 01 Dec 2026 00:01:00 GMT', Date.parse('2026-12-01T00:00:00Z'))).toBe(60_000);
    expect(retryAfterMs('soon', 0)).toBeUndefined();
  });

  it('retries no earlier than Retry-After, and makes a dead letter of a refusal or the last attempt', () => {
    const retried = reportOf(
      destination,
      delivery(0),
      { kind: 'retry', status: 429, retryAfterMs: 60_000, detail: '' },
      0,
    );
    expect(retried).toMatchObject({ outcome: 'retry', nextAttemptMs: 60_000 });
    expect(reportOf(destination, delivery(2), { kind: 'retry', status: 503, detail: '' }, 0).outcome).toBe('dead');
    expect(reportOf(destination, delivery(0), { kind: 'refused', status: 422, detail: '{}' }, 0).outcome).toBe('dead');
  });
});

describe('destinations from the environment', () => {
  it('reads the JSON list and each token from its own variable', () => {
    const env = {
      EXCHANGE_DESTINATIONS: JSON.stringify([
        { name: 'national-ehr', url: 'https://ehr.example.kz/fhir', resourceTypes: ['Patient'] },
      ]),
      [tokenVariable('national-ehr')]: 'secret',
    };
    expect(tokenVariable('national-ehr')).toBe('EXCHANGE_NATIONAL_EHR_TOKEN');
    expect(parseDestinations(env)).toEqual([
      expect.objectContaining({ name: 'national-ehr', kind: 'fhir', bearerToken: 'secret', maxAttempts: 10 }),
    ]);
    expect(parseDestinations({})).toEqual([]);
  });

  it('refuses a malformed list, naming what is wrong', () => {
    expect(() => parseDestinations({ EXCHANGE_DESTINATIONS: '[{' })).toThrow(/not valid JSON/);
    expect(() =>
      parseDestinations({ EXCHANGE_DESTINATIONS: '[{"name":"x","url":"nope","resourceTypes":["Patient"]}]' }),
    ).toThrow(/EXCHANGE_DESTINATIONS\[0\.url\]/);
    const twice = JSON.stringify([1, 2].map(() => ({ name: 'x', url: 'http://a.test', resourceTypes: ['Patient'] })));
    expect(() => parseDestinations({ EXCHANGE_DESTINATIONS: twice })).toThrow(/named twice/);
  });
});
