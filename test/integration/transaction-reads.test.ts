/**
 * The GET entries of a transaction (decision 011): reads answered before the commit and guarded
 * until it, searches parsed and run before it and answered after it.
 * @see https://hl7.org/fhir/R4/http.html#trules
 */
import { describe, expect, it } from 'vitest';
import type { ResourceStore } from '../../src/storage/port.js';
import { STORE_KINDS, appOver, send } from './app-over-store.js';

const createPatient = {
  resource: { resourceType: 'Patient', gender: 'female' },
  request: { method: 'POST', url: 'Patient' },
};
const transaction = (...entry: object[]) => ({ resourceType: 'Bundle', type: 'transaction', entry });

/** A store that runs `before()` once, just before the first commit that writes something. */
function storeWith(
  inner: ResourceStore,
  hooks: { beforeCommit?: () => Promise<unknown>; search?: ResourceStore['search'] },
) {
  let done = false;
  const store: ResourceStore = {
    ...inner,
    async commit(unit) {
      if (!done && unit.writes.length > 0 && hooks.beforeCommit) {
        done = true;
        await hooks.beforeCommit();
      }
      return inner.commit(unit);
    },
  };
  if (hooks.search) store.search = hooks.search;
  return store;
}

for (const kind of STORE_KINDS) {
  describe(`transaction GET entries (${kind.name})`, () => {
    it('a read whose resource another request changes before the commit fails the whole transaction with 409', async () => {
      const { store } = kind.create();
      const direct = appOver(store);
      await send(direct, 'PUT', 'Patient/mum', { resourceType: 'Patient', id: 'mum' });
      const racing = appOver(
        storeWith(store, {
          beforeCommit: () => send(direct, 'PUT', 'Patient/mum', { resourceType: 'Patient', id: 'mum', active: true }),
        }),
      );
      const res = await send(
        racing,
        'POST',
        '',
        transaction(createPatient, { request: { method: 'GET', url: 'Patient/mum' } }),
      );
      expect(res.status).toBe(409);
      const count = (await (await direct.request('/fhir/Patient?_summary=count')).json()) as fhir4.Bundle;
      expect(count.total).toBe(1);
    });

    it('a read of a resource the transaction writes answers the new version; of one it deletes fails with 410', async () => {
      const app = appOver(kind.create().store);
      await send(app, 'PUT', 'Patient/mum', { resourceType: 'Patient', id: 'mum' });
      const update = {
        resource: { resourceType: 'Patient', id: 'mum', active: true },
        request: { method: 'PUT', url: 'Patient/mum' },
      };
      const res = await send(app, 'POST', '', transaction({ request: { method: 'GET', url: 'Patient/mum' } }, update));
      const bundle = (await res.json()) as fhir4.Bundle;
      expect(bundle.entry!.map((e) => e.response!.status)).toEqual(['200 OK', '200 OK']);
      expect((bundle.entry![0]!.resource as fhir4.Patient).active).toBe(true);
      expect(bundle.entry![0]!.response!.etag).toBe('W/"2"');
      const gone = await send(
        app,
        'POST',
        '',
        transaction(
          { request: { method: 'DELETE', url: 'Patient/mum' } },
          { request: { method: 'GET', url: 'Patient/mum' } },
        ),
      );
      expect(gone.status).toBe(410);
      expect(((await (await app.request('/fhir/Patient/mum')).json()) as fhir4.Patient).active).toBe(true);
    });

    it('a search that fails internally after the commit is that entry’s 500 in a 200: the writes happened', async () => {
      const { store } = kind.create();
      let searches = 0;
      const app = appOver(
        storeWith(store, {
          search: async (query) => {
            if (++searches === 2) throw new Error('database went away');
            return store.search(query);
          },
        }),
      );
      const res = await send(
        app,
        'POST',
        '',
        transaction(createPatient, { request: { method: 'GET', url: 'Patient?gender=female' } }),
      );
      expect(res.status).toBe(200);
      const bundle = (await res.json()) as fhir4.Bundle;
      expect(bundle.entry!.map((e) => e.response!.status)).toEqual(['201 Created', '500 Internal Server Error']);
      const outcome = bundle.entry![1]!.response!.outcome as fhir4.OperationOutcome;
      expect(outcome.issue[0]?.details?.text).toMatch(/committed/);
      expect(JSON.stringify(outcome)).not.toContain('database went away');
      const count = (await (await appOver(store).request('/fhir/Patient?_summary=count')).json()) as fhir4.Bundle;
      expect(count.total).toBe(1);
    });
  });
}
