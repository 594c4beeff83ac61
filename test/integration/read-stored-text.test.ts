/**
 * A read answers with the stored JSON text where the store keeps it (SQL), and with the same
 * bytes a memory store would serialise; `_pretty` and `Prefer` still shape the body.
 */
import { describe, expect, it } from 'vitest';
import { STORE_KINDS, appOver, send } from './app-over-store.js';

const PATIENT = {
  resourceType: 'Patient',
  name: [{ family: 'Ахметова', given: ['Айгерим'] }],
  birthDate: '2025-01-01',
  extension: [{ url: 'https://partner.kz/fhir/StructureDefinition/weight', valueDecimal: 3.25 }],
};

describe.each(STORE_KINDS)('read over $name', (kind) => {
  async function created() {
    const app = appOver(kind.create().store);
    const response = await send(app, 'POST', 'Patient', PATIENT);
    const body = (await response.json()) as fhir4.Patient;
    return { app, body };
  }

  it('returns the stored resource as compact JSON equal to the created one', async () => {
    const { app, body } = await created();
    const response = await send(app, 'GET', `Patient/${body.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
    expect(response.headers.get('etag')).toBe('W/"1"');
    expect(await response.text()).toBe(JSON.stringify(body));
  });

  it('indents the body under _pretty=true', async () => {
    const { app, body } = await created();
    const response = await send(app, 'GET', `Patient/${body.id}?_pretty=true`);
    expect(await response.text()).toBe(JSON.stringify(body, null, 2));
  });

  it('answers Prefer: return=minimal without a body', async () => {
    const { app, body } = await created();
    const response = await send(app, 'GET', `Patient/${body.id}`, undefined, { prefer: 'return=minimal' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('answers 410 for a deleted resource', async () => {
    const { app, body } = await created();
    await send(app, 'DELETE', `Patient/${body.id}`);
    expect((await send(app, 'GET', `Patient/${body.id}`)).status).toBe(410);
  });
});
