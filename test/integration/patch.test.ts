/**
 * PATCH with JSON Patch and FHIRPath Patch through the HTTP app; the index follows the patch.
 * @see https://hl7.org/fhir/R4/http.html#patch
 */
import { describe, expect, it } from 'vitest';
import { STORE_KINDS, appOver, send } from './app-over-store.js';

const JSON_PATCH = { 'content-type': 'application/json-patch+json' };

for (const kind of STORE_KINDS) {
  describe(`PATCH (${kind.name})`, () => {
    async function setup() {
      const app = appOver(kind.create().store);
      const created = (await (
        await send(app, 'POST', 'Patient', {
          resourceType: 'Patient',
          name: [{ family: 'Asanova', given: ['Aru'] }],
          gender: 'female',
        })
      ).json()) as fhir4.Patient;
      return { app, id: created.id! };
    }

    it('applies JSON Patch, bumps the version and re-indexes', async () => {
      const { app, id } = await setup();
      const ops = [
        { op: 'replace', path: '/gender', value: 'male' },
        { op: 'add', path: '/name/0/given/-', value: 'Bota' },
        { op: 'test', path: '/name/0/family', value: 'Asanova' },
      ];
      const res = await send(app, 'PATCH', `Patient/${id}`, ops, { ...JSON_PATCH, 'if-match': 'W/"1"' });
      expect(res.status).toBe(200);
      const body = (await res.json()) as fhir4.Patient;
      expect([body.gender, body.name?.[0]?.given, body.meta?.versionId]).toEqual(['male', ['Aru', 'Bota'], '2']);
      const found = (await (await app.request('/fhir/Patient?given=bota&gender=male')).json()) as fhir4.Bundle;
      expect(found.total).toBe(1);
    });

    it('applies FHIRPath Patch (replace, add, delete)', async () => {
      const { app, id } = await setup();
      const operation = (parts: fhir4.ParametersParameter[]) => ({ name: 'operation', part: parts });
      const parameters = {
        resourceType: 'Parameters',
        parameter: [
          operation([
            { name: 'type', valueCode: 'replace' },
            { name: 'path', valueString: 'Patient.gender' },
            { name: 'value', valueCode: 'other' },
          ]),
          operation([
            { name: 'type', valueCode: 'add' },
            { name: 'path', valueString: 'Patient' },
            { name: 'name', valueString: 'birthDate' },
            { name: 'value', valueDate: '2025-01-02' },
          ]),
          operation([
            { name: 'type', valueCode: 'delete' },
            { name: 'path', valueString: 'Patient.name[0].given[0]' },
          ]),
        ],
      };
      const res = await send(app, 'PATCH', `Patient/${id}`, parameters);
      expect(res.status).toBe(200);
      const body = (await res.json()) as fhir4.Patient;
      expect([body.gender, body.birthDate, body.name?.[0]?.given]).toEqual(['other', '2025-01-02', undefined]);
    });

    it('refuses a failing test with 422, a malformed patch with 400, a stale If-Match with 412, and changes nothing', async () => {
      const { app, id } = await setup();
      const failing = await send(
        app,
        'PATCH',
        `Patient/${id}`,
        [{ op: 'test', path: '/gender', value: 'male' }],
        JSON_PATCH,
      );
      expect(failing.status).toBe(422);
      expect((await send(app, 'PATCH', `Patient/${id}`, { op: 'add' }, JSON_PATCH)).status).toBe(400);
      const stale = await send(app, 'PATCH', `Patient/${id}`, [{ op: 'remove', path: '/gender' }], {
        ...JSON_PATCH,
        'if-match': 'W/"7"',
      });
      expect(stale.status).toBe(412);
      const idChange = await send(
        app,
        'PATCH',
        `Patient/${id}`,
        [{ op: 'replace', path: '/id', value: 'other' }],
        JSON_PATCH,
      );
      expect(idChange.status).toBe(400);
      const current = (await (await app.request(`/fhir/Patient/${id}`)).json()) as fhir4.Patient;
      expect([current.meta?.versionId, current.gender]).toEqual(['1', 'female']);
    });

    it('conditional patch finds its target by search', async () => {
      const { app } = await setup();
      const res = await send(
        app,
        'PATCH',
        'Patient?family=asanova',
        [{ op: 'replace', path: '/gender', value: 'unknown' }],
        JSON_PATCH,
      );
      expect(res.status).toBe(200);
      expect(((await res.json()) as fhir4.Patient).gender).toBe('unknown');
    });
  });
}
