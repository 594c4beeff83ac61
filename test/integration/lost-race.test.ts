/**
 * One retry policy for lost races (src/rest/write/run-write.ts): a write that loses a race at
 * commit runs again from the start, whatever its kind. Another writer is made to win right before
 * the first commit, deterministically, by a store that runs it there.
 * @see https://hl7.org/fhir/R4/http.html#concurrency
 */
import { describe, expect, it } from 'vitest';
import type { ResourceStore } from '../../src/storage/port.js';
import { STORE_KINDS, appOver, send } from './app-over-store.js';

const JSON_PATCH = { 'content-type': 'application/json-patch+json' };

/** A store whose first commit of `Patient/p` is preceded by `race()` (another request winning). */
function racingStore(inner: ResourceStore, race: () => Promise<unknown>): ResourceStore {
  let raced = false;
  return {
    ...inner,
    async commit(unit) {
      if (!raced && unit.writes.some((w) => w.id === 'p')) {
        raced = true;
        await race();
      }
      return inner.commit(unit);
    },
  };
}

for (const kind of STORE_KINDS) {
  describe(`a lost race (${kind.name})`, () => {
    async function setup() {
      const { store } = kind.create();
      const plain = appOver(store);
      await send(plain, 'PUT', 'Patient/p', { resourceType: 'Patient', id: 'p', name: [{ given: ['A'] }] });
      const winner = () =>
        send(plain, 'PUT', 'Patient/p', { resourceType: 'Patient', id: 'p', gender: 'male', name: [{ given: ['A'] }] });
      return { plain, racing: appOver(racingStore(store, winner)) };
    }

    it('PATCH without If-Match is applied again to the winner’s version, as PUT is', async () => {
      const { plain, racing } = await setup();
      const ops = [{ op: 'add', path: '/name/0/given/-', value: 'B' }];
      const res = await send(racing, 'PATCH', 'Patient/p', ops, JSON_PATCH);
      expect(res.status).toBe(200);
      const stored = (await (await plain.request('/fhir/Patient/p')).json()) as fhir4.Patient;
      expect([stored.meta?.versionId, stored.gender, stored.name?.[0]?.given]).toEqual(['3', 'male', ['A', 'B']]);
    });

    it('PATCH with If-Match answers 412 once the winner moved the version', async () => {
      const { racing } = await setup();
      const ops = [{ op: 'add', path: '/name/0/given/-', value: 'B' }];
      const res = await send(racing, 'PATCH', 'Patient/p', ops, { ...JSON_PATCH, 'if-match': 'W/"1"' });
      expect(res.status).toBe(412);
    });

    it('DELETE without If-Match deletes the winner’s version', async () => {
      const { plain, racing } = await setup();
      expect((await send(racing, 'DELETE', 'Patient/p')).status).toBe(204);
      expect((await plain.request('/fhir/Patient/p')).status).toBe(410);
    });
  });
}
