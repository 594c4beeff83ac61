/**
 * The Task state machine under a lost race, made deterministic: another request completes the
 * Task right before the first commit of a request that was planned on `in-progress`. The loser is
 * planned again on the version it would replace (completed, final), so its change is judged
 * against that state, never against its stale read (decisions 013 and 021).
 * @see https://hl7.org/fhir/R4/http.html#concurrency
 */
import { describe, expect, it } from 'vitest';
import type { ResourceStore } from '../../src/storage/port.js';
import { STORE_KINDS, appOver, send } from './app-over-store.js';

const OUTPUT = [{ type: { text: 'referral result' }, valueReference: { reference: 'Communication/result' } }];

function task(status: fhir4.Task['status'], extra: Partial<fhir4.Task> = {}): fhir4.Task {
  return { resourceType: 'Task', id: 't', status, intent: 'order', ...extra };
}

/** A store whose first commit of `Task/t` is preceded by `race()` (another request winning). */
function racingStore(inner: ResourceStore, race: () => Promise<unknown>): ResourceStore {
  let raced = false;
  return {
    ...inner,
    async commit(unit) {
      if (!raced && unit.writes.some((w) => w.id === 't')) {
        raced = true;
        await race();
      }
      return inner.commit(unit);
    },
  };
}

for (const kind of STORE_KINDS) {
  describe(`a Task status change that loses a race (${kind.name})`, () => {
    async function setup() {
      const { store } = kind.create();
      const plain = appOver(store);
      await send(plain, 'PUT', 'Task/t', task('ready'));
      await send(plain, 'PUT', 'Task/t', task('in-progress'));
      const winner = async () => {
        const res = await send(plain, 'PUT', 'Task/t', task('completed', { output: OUTPUT }));
        expect(res.status).toBe(200);
      };
      return { plain, racing: appOver(racingStore(store, winner)) };
    }

    async function stored(app: ReturnType<typeof appOver>): Promise<fhir4.Task> {
      return (await (await app.request('/fhir/Task/t')).json()) as fhir4.Task;
    }

    it('is judged again against the winner’s completed version: 422 completed → cancelled', async () => {
      const { plain, racing } = await setup();
      const res = await send(racing, 'PUT', 'Task/t', task('cancelled'));
      expect(res.status).toBe(422);
      const outcome = (await res.json()) as fhir4.OperationOutcome;
      expect(outcome.issue[0]!.expression).toEqual(['Task.status']);
      expect(outcome.issue[0]!.details!.text).toContain('from completed to cancelled');
      expect([(await stored(plain)).status, (await stored(plain)).meta!.versionId]).toEqual(['completed', '3']);
    });

    it('a JSON Patch to on-hold is judged against completed as well', async () => {
      const { plain, racing } = await setup();
      const ops = [{ op: 'replace', path: '/status', value: 'on-hold' }];
      const res = await send(racing, 'PATCH', 'Task/t', ops, { 'content-type': 'application/json-patch+json' });
      expect(res.status).toBe(422);
      expect((await stored(plain)).status).toBe('completed');
    });

    it('a transaction is not planned again: 409, and the winner stays', async () => {
      const { plain, racing } = await setup();
      const bundle = {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [{ resource: task('cancelled'), request: { method: 'PUT', url: 'Task/t' } }],
      };
      expect((await send(racing, 'POST', '', bundle)).status).toBe(409);
      expect((await stored(plain)).status).toBe('completed');
    });
  });
}
