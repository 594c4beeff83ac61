// The implementation guide served read-only: loaded through the write path with fixed ids,
// unchanged resources skipped on the next start, readable and searchable by url, name, version.
import { describe, expect, it } from 'vitest';
import { igResources } from '../../src/ig/ig-resources.js';
import { loadImplementationGuide } from '../../src/ig/load-implementation-guide.js';
import type { RestContext } from '../../src/rest/context.js';
import { putResource } from '../../src/rest/router.js';
import { createMemoryResourceStore } from '../../src/storage/memory/memory-resource-store.js';
import { validateResource } from '../../src/validation/validate-resource.js';
import { appOver, send } from './app-over-store.js';

function context(): RestContext {
  return {
    store: createMemoryResourceStore(),
    clock: () => new Date(),
    validate: validateResource,
    newId: () => crypto.randomUUID(),
  };
}

describe('implementation guide loader', () => {
  it('stores every definitional resource once and skips unchanged ones on the next load', async () => {
    const ctx = context();
    const first = await loadImplementationGuide(ctx);
    expect(first).toEqual({ written: igResources().length, unchanged: 0 });
    const second = await loadImplementationGuide(ctx);
    expect(second).toEqual({ written: 0, unchanged: igResources().length });
    const stored = await ctx.store.readCurrent('StructureDefinition', 'kz-patient');
    expect(stored?.versionId).toBe('1');
  });

  it('writes a new version when a stored resource differs from the guide', async () => {
    const ctx = context();
    await loadImplementationGuide(ctx);
    const cs = igResources().find(
      (r) => r.resourceType === 'CodeSystem' && r.id === 'visit-outcome',
    )! as fhir4.CodeSystem & { id: string };
    await putResource(ctx, { ...cs, title: 'changed' } as fhir4.CodeSystem & { id: string });
    const result = await loadImplementationGuide(ctx);
    expect(result.written).toBe(1);
    const stored = await ctx.store.readCurrent('CodeSystem', 'visit-outcome');
    expect((stored?.resource as fhir4.CodeSystem).title).toBe(cs.title);
    expect(stored?.versionId).toBe('3');
  });
});

describe('implementation guide over REST', () => {
  it('serves profiles read-only and finds them by url, name and version', async () => {
    const ctx = context();
    await loadImplementationGuide(ctx);
    const app = appOver(ctx.store);
    const read = await send(app, 'GET', 'StructureDefinition/kz-patronage-encounter');
    expect(read.status).toBe(200);
    const sd = (await read.json()) as fhir4.StructureDefinition;
    expect(sd.snapshot?.element.length).toBeGreaterThan(0);
    const byUrl = await send(app, 'GET', `StructureDefinition?url=${encodeURIComponent(sd.url)}`);
    expect(((await byUrl.json()) as fhir4.Bundle).total).toBe(1);
    const byName = await send(app, 'GET', 'ValueSet?name=VisitOutcomeVS&version=0.1.0');
    expect(((await byName.json()) as fhir4.Bundle).entry?.[0]?.resource?.id).toBe('visit-outcome');
    const cm = await send(app, 'GET', 'ConceptMap?url=https://fhir.patronage.kz/ConceptMap/mis-visit-code');
    expect(((await cm.json()) as fhir4.Bundle).total).toBe(1);
    const put = await send(app, 'PUT', 'StructureDefinition/kz-patient', { ...sd, id: 'kz-patient' });
    expect(put.status).toBeGreaterThanOrEqual(400);
  });
});
