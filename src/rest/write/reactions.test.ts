import { describe, expect, it } from 'vitest';
import { parseValidationConfig } from '../../config/validation-config.js';
import { createMemoryResourceStore } from '../../storage/memory/memory-resource-store.js';
import type { ResourceWrite } from '../../storage/port.js';
import { createValidator } from '../../validation/create-validator.js';
import type { RestContext } from '../context.js';
import { handleRequest } from '../router.js';
import { processBundle } from '../transaction.js';
import type { WriteReaction } from './reactions.js';

function contextWith(reactions: WriteReaction[]): RestContext {
  return {
    store: createMemoryResourceStore(),
    clock: () => new Date(),
    validate: createValidator(parseValidationConfig({})),
    newId: () => crypto.randomUUID(),
    reactions,
  };
}

const OPTIONS = { baseUrl: 'http://test/fhir' };

/** Records what it saw; writes a Flag for every Patient it sees (a reaction that writes). */
function flaggingReaction(seen: string[]): WriteReaction {
  return {
    name: 'the flagging reaction',
    async react(ctx, committed: readonly ResourceWrite[]) {
      for (const write of committed) {
        seen.push(`${write.resourceType}/${write.id}@${ctx.reactionDepth}`);
        if (write.resourceType !== 'Patient') continue;
        const flag = {
          resourceType: 'Flag',
          status: 'active',
          code: { text: 'seen' },
          subject: { reference: `Patient/${write.id}` },
        };
        await handleRequest(ctx, { method: 'POST', url: 'Flag', body: flag }, OPTIONS);
      }
    },
  };
}

describe('write reactions', () => {
  it('run after a committed write, see what it wrote, and may write through the pipeline', async () => {
    const seen: string[] = [];
    const ctx = contextWith([flaggingReaction(seen)]);
    const created = await handleRequest(
      ctx,
      { method: 'POST', url: 'Patient', body: { resourceType: 'Patient' } },
      OPTIONS,
    );
    expect(created.status).toBe(201);
    const id = created.resource!.id!;
    // The Flag the reaction wrote is itself a committed write, seen one level deeper.
    expect(seen).toEqual([`Patient/${id}@1`, expect.stringMatching(/^Flag\/.+@2$/)]);
    const flags = await handleRequest(ctx, { method: 'GET', url: `Flag?subject=Patient/${id}` }, OPTIONS);
    expect((flags.resource as fhir4.Bundle).total).toBe(1);
  });

  it('do not run for a write that failed validation', async () => {
    const seen: string[] = [];
    const ctx = contextWith([flaggingReaction(seen)]);
    const bad = { resourceType: 'Patient', gender: 'sometimes' };
    await expect(handleRequest(ctx, { method: 'POST', url: 'Patient', body: bad }, OPTIONS)).rejects.toThrow();
    expect(seen).toEqual([]);
  });

  it('that fail leave the write stored and answer a warning naming the reaction', async () => {
    const failing: WriteReaction = {
      name: 'the failing reaction',
      react: () => Promise.reject(new Error('no plan definition')),
    };
    const ctx = contextWith([failing]);
    const created = await handleRequest(
      ctx,
      { method: 'POST', url: 'Patient', body: { resourceType: 'Patient' } },
      OPTIONS,
    );
    expect(created.status).toBe(201);
    expect(created.issues).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        message: 'The write was stored, but the failing reaction did not run: no plan definition',
      }),
    );
    const stored = await ctx.store.readCurrent('Patient', created.resource!.id!);
    expect(stored?.resource).toBeDefined();
  });

  it('run once for a whole transaction, with all of its writes', async () => {
    const batches: string[][] = [];
    const recording: WriteReaction = {
      name: 'recording',
      react: (_ctx, committed) => {
        batches.push(committed.map((w) => w.resourceType));
        return Promise.resolve();
      },
    };
    const ctx = contextWith([recording]);
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: 'urn:uuid:0b0c7f3e-4a52-4c8e-9a57-3f0e3a2c1d10',
          resource: { resourceType: 'Patient' },
          request: { method: 'POST', url: 'Patient' },
        },
        {
          resource: {
            resourceType: 'Flag',
            status: 'active',
            code: { text: 'x' },
            subject: { reference: 'urn:uuid:0b0c7f3e-4a52-4c8e-9a57-3f0e3a2c1d10' },
          },
          request: { method: 'POST', url: 'Flag' },
        },
      ],
    };
    await processBundle(ctx, bundle, OPTIONS);
    expect(batches).toEqual([['Patient', 'Flag']]);
  });
});
