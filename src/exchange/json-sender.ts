/**
 * Sends a delivery to a non-FHIR register as JSON (decision 035): the record is the reverse of
 * the destination's mapping in `mappings/` applied to the forwarded version and the records it
 * names, the same reading `GET /export/visits` does. POSTed with `Idempotency-Key` naming the
 * version, so a retry or a redelivery after a crash is recognisable as the same change. Uses
 * `fetch` only, so it runs on Node and on Workers alike.
 * @module
 */
import type { RestContext } from '../rest/context.js';
import type { LoadedMappings } from '../mapping/load-mappings.js';
import { poolOf } from '../mapping/export-visits.js';
import { reverseRecord } from '../mapping/reverse.js';
import { pipelineOf, type VisitPipeline } from '../mapping/visit-records.js';
import type { ResourceStore } from '../storage/port.js';
import type { Destination } from './destinations.js';
import type { DeliverySender } from './fhir-sender.js';
import type { Delivery } from './outbox-queue.js';
import { postByFetch } from './fetch-send.js';
import type { SendResult } from './send-result.js';

/** The mapping's pipeline a `json` destination names, or why there is none. */
function pipelineFor(destination: Destination, mappings: LoadedMappings | undefined): VisitPipeline | string {
  if (!destination.mapping) return `destination ${destination.name} names no mapping`;
  for (const [formatName, entry] of mappings?.mappings ?? []) {
    if (entry.definition.name === destination.mapping) return pipelineOf(mappings!, formatName)!;
  }
  return `no mapping named ${destination.mapping} is loaded from mappings/`;
}

/** The JSON record of `delivery`, or why it cannot be made (a refusal: retrying changes nothing). */
async function recordOf(ctx: RestContext, pipeline: VisitPipeline, delivery: Delivery): Promise<unknown> {
  const stored = await ctx.store.readVersion(delivery.resourceType, delivery.id, delivery.versionId);
  if (!stored?.resource)
    throw new Error(
      `no stored body for ${delivery.resourceType}/${delivery.id}/_history/${delivery.versionId} (a delete is not sent to a register)`,
    );
  const root = { key: `${delivery.resourceType}/${delivery.id}`, resource: stored.resource };
  const pool = await poolOf(ctx, root, '');
  const withRoot = [root, ...pool.filter((p) => p.key !== root.key)];
  return reverseRecord(pipeline.mapping, pipeline.format, pipeline.loaded.conceptMaps, withRoot, root);
}

/** A sender to the `json` destination `destination`, reading what it sends from `store`. */
export function createJsonSender(
  destination: Destination,
  store: ResourceStore,
  mappings: LoadedMappings | undefined,
): DeliverySender {
  const pipeline = pipelineFor(destination, mappings);
  // Reads only: the export's searches need a context, never its validator or ids.
  const ctx: RestContext = { store, clock: () => new Date(), validate: () => [], newId: () => crypto.randomUUID() };
  return {
    async send(delivery) {
      if (typeof pipeline === 'string') return { kind: 'refused', detail: pipeline };
      let record: unknown;
      try {
        record = await recordOf(ctx, pipeline, delivery);
      } catch (error) {
        return { kind: 'refused', detail: error instanceof Error ? error.message : String(error) };
      }
      return post(destination, delivery, record);
    },
  };
}

function post(destination: Destination, delivery: Delivery, record: unknown): Promise<SendResult> {
  const key = `${delivery.resourceType}/${delivery.id}/_history/${delivery.versionId}`;
  return postByFetch(
    destination,
    destination.url,
    { 'content-type': 'application/json', 'idempotency-key': key },
    JSON.stringify(record),
  );
}
