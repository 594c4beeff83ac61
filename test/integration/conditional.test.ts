/**
 * Conditional create, update and delete, and If-None-Match, through the HTTP app over each store.
 * @see https://hl7.org/fhir/R4/http.html#ccreate
 */
import { describe, expect, it } from 'vitest';
import { STORE_KINDS, appOver, send } from './app-over-store.js';

const IIN = 'http://patronage.kz/fhir/sid/iin';
const child = (value: string, extra: Record<string, unknown> = {}) => ({
  resourceType: 'Patient',
  identifier: [{ system: IIN, value }],
  ...extra,
});

for (const kind of STORE_KINDS) {
  describe(`conditional interactions (${kind.name})`, () => {
    it('If-None-Exist: 201 for no match, 200 with the existing resource for one, 412 for several', async () => {
      const app = appOver(kind.create().store);
      const header = { 'if-none-exist': `identifier=${IIN}|111` };
      const first = await send(app, 'POST', 'Patient', child('111'), header);
      expect(first.status).toBe(201);
      const created = (await first.json()) as fhir4.Patient;
      const again = await send(app, 'POST', 'Patient', child('111', { gender: 'male' }), header);
      expect(again.status).toBe(200);
      expect(((await again.json()) as fhir4.Patient).id).toBe(created.id);
      await send(app, 'POST', 'Patient', child('222'));
      await send(app, 'POST', 'Patient', child('222'));
      const several = await send(app, 'POST', 'Patient', child('222'), { 'if-none-exist': `identifier=${IIN}|222` });
      expect(several.status).toBe(412);
    });

    it('fifty concurrent conditional creates of one identifier store exactly one resource', async () => {
      const app = appOver(kind.create().store);
      const header = { 'if-none-exist': `identifier=${IIN}|999` };
      const statuses = await Promise.all(
        Array.from({ length: 50 }, () => send(app, 'POST', 'Patient', child('999'), header).then((r) => r.status)),
      );
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 200)).toHaveLength(49);
      const bundle = (await (await app.request(`/fhir/Patient?identifier=${IIN}|999`)).json()) as fhir4.Bundle;
      expect(bundle.total).toBe(1);
    });

    it('fifty concurrent updates with the same If-Match: exactly one succeeds, the rest get 412', async () => {
      const app = appOver(kind.create().store);
      const created = (await (await send(app, 'POST', 'Patient', child('555'))).json()) as fhir4.Patient;
      const statuses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          send(
            app,
            'PUT',
            `Patient/${created.id}`,
            { ...created, gender: i % 2 ? 'male' : 'female' },
            { 'if-match': 'W/"1"' },
          ).then((r) => r.status),
        ),
      );
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 412)).toHaveLength(49);
    });

    it('conditional update creates on no match, updates the one match, refuses several with 412', async () => {
      const app = appOver(kind.create().store);
      const created = await send(app, 'PUT', `Patient?identifier=${IIN}|333`, child('333'));
      expect(created.status).toBe(201);
      const id = ((await created.json()) as fhir4.Patient).id;
      const updated = await send(app, 'PUT', `Patient?identifier=${IIN}|333`, child('333', { gender: 'female' }));
      expect(updated.status).toBe(200);
      const body = (await updated.json()) as fhir4.Patient;
      expect([body.id, body.meta?.versionId, body.gender]).toEqual([id, '2', 'female']);
      await send(app, 'POST', 'Patient', child('333'));
      expect((await send(app, 'PUT', `Patient?identifier=${IIN}|333`, child('333'))).status).toBe(412);
    });

    it('conditional delete removes the one match; a missing criterion is a 400', async () => {
      const app = appOver(kind.create().store);
      const id = ((await (await send(app, 'POST', 'Patient', child('444'))).json()) as fhir4.Patient).id;
      expect((await send(app, 'DELETE', `Patient?identifier=${IIN}|444`)).status).toBe(204);
      expect((await app.request(`/fhir/Patient/${id}`)).status).toBe(410);
      expect((await send(app, 'DELETE', 'Patient')).status).toBe(400);
      const unknown = await send(app, 'DELETE', 'Patient?shoe-size=44');
      expect(unknown.status).toBe(400);
      expect(((await unknown.json()) as fhir4.OperationOutcome).issue[0]?.expression).toEqual(['shoe-size']);
    });

    it('If-None-Match: * creates a new id and refuses an existing one with 412', async () => {
      const app = appOver(kind.create().store);
      const put = (status?: string) =>
        send(
          app,
          'PUT',
          'Patient/new-1',
          { resourceType: 'Patient', id: 'new-1', ...(status ? { gender: status } : {}) },
          { 'if-none-match': '*' },
        );
      expect((await put()).status).toBe(201);
      expect((await put('male')).status).toBe(412);
    });
  });
}
