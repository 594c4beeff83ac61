/**
 * The transaction Bundle that forwards one stored version to a national FHIR server (decision
 * 029). Writes are keyed on business identifiers, so that sending the same change twice (a retry
 * after a lost answer, a redelivery after a crash) never creates a second resource upstream:
 * - a resource with an identifier is a conditional update `PUT Type?identifier=system|value`,
 *   its literal references rewritten to conditional references on the targets' identifiers
 *   (the upstream server resolves them; our ids mean nothing there);
 * - one without an identifier is an update by id, `PUT Type/id` (idempotent as well);
 * - a delete is a conditional delete on the identifier of the version before it.
 * @see https://hl7.org/fhir/R4/http.html#cond-update
 * @see https://hl7.org/fhir/R4/bundle.html#references
 * @module
 */
import type { ResourceStore } from '../storage/port.js';
import type { SendResult } from './send-result.js';
import type { Delivery } from './outbox-queue.js';

/** A literal relative reference `Type/id`. */
const LITERAL = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/;

/** The first identifier with both system and value: the business key of the resource upstream. */
export function businessIdentifier(
  resource: fhir4.Resource | undefined,
): { system: string; value: string } | undefined {
  const identifiers = (resource as { identifier?: fhir4.Identifier[] | fhir4.Identifier } | undefined)?.identifier;
  const list = Array.isArray(identifiers) ? identifiers : identifiers ? [identifiers] : [];
  const found = list.find((i) => i.system && i.value);
  return found ? { system: found.system!, value: found.value! } : undefined;
}

/** `Type?identifier=system|value`, encoded for a Bundle entry's `request.url`. */
export function conditionalUrl(resourceType: string, key: { system: string; value: string }): string {
  return `${resourceType}?identifier=${encodeURIComponent(`${key.system}|${key.value}`)}`;
}

/** Thrown when the version to forward is not in the store (it cannot be sent, ever). */
class MissingVersionError extends Error {}

/** The transaction Bundle forwarding `delivery`'s version, read from `store`. */
async function forwardingTransaction(store: ResourceStore, delivery: Delivery): Promise<fhir4.Bundle> {
  const version = await store.readVersion(delivery.resourceType, delivery.id, delivery.versionId);
  if (!version) throw new MissingVersionError(`${delivery.resourceType}/${delivery.id}/_history/${delivery.versionId}`);
  const entry =
    version.deleted || !version.resource
      ? await deleteEntry(store, delivery)
      : await updateEntry(store, delivery, version.resource);
  return { resourceType: 'Bundle', type: 'transaction', entry: [entry] };
}

/**
 * The forwarding transaction of `delivery`, or, when its version is no longer stored, the refusal
 * to send it (a dead letter: it can never be sent). Other failures are thrown.
 */
export async function transactionOrRefusal(
  store: ResourceStore,
  delivery: Delivery,
): Promise<{ bundle: fhir4.Bundle } | { refused: SendResult }> {
  try {
    return { bundle: await forwardingTransaction(store, delivery) };
  } catch (error) {
    if (error instanceof MissingVersionError)
      return { refused: { kind: 'refused', detail: `no stored version ${error.message}` } };
    throw error;
  }
}

async function updateEntry(
  store: ResourceStore,
  delivery: Delivery,
  stored: fhir4.Resource,
): Promise<fhir4.BundleEntry> {
  const resource = structuredClone(stored);
  await rewriteReferences(store, resource);
  stripServerMeta(resource);
  const key = businessIdentifier(resource);
  if (!key) return { resource, request: { method: 'PUT', url: `${delivery.resourceType}/${delivery.id}` } };
  delete resource.id;
  return { resource, request: { method: 'PUT', url: conditionalUrl(delivery.resourceType, key) } };
}

async function deleteEntry(store: ResourceStore, delivery: Delivery): Promise<fhir4.BundleEntry> {
  const previousId = String(Number(delivery.versionId) - 1);
  const previous =
    Number(previousId) > 0 ? await store.readVersion(delivery.resourceType, delivery.id, previousId) : undefined;
  const key = businessIdentifier(previous?.resource);
  const url = key ? conditionalUrl(delivery.resourceType, key) : `${delivery.resourceType}/${delivery.id}`;
  return { request: { method: 'DELETE', url } };
}

/** Upstream assigns its own versions and instants: ours would only confuse its history. */
function stripServerMeta(resource: fhir4.Resource): void {
  if (!resource.meta) return;
  delete resource.meta.versionId;
  delete resource.meta.lastUpdated;
  if (Object.keys(resource.meta).length === 0) delete resource.meta;
}

/** Replaces literal references whose target has a business identifier by conditional ones. */
async function rewriteReferences(store: ResourceStore, resource: fhir4.Resource): Promise<void> {
  const cache = new Map<string, string | undefined>();
  const references: { reference: string }[] = [];
  collectReferences(resource, references);
  for (const holder of references) {
    if (!cache.has(holder.reference)) cache.set(holder.reference, await conditionalReference(store, holder.reference));
    const rewritten = cache.get(holder.reference);
    if (rewritten) holder.reference = rewritten;
  }
}

async function conditionalReference(store: ResourceStore, reference: string): Promise<string | undefined> {
  const match = LITERAL.exec(reference);
  if (!match) return undefined;
  const target = await store.readCurrent(match[1]!, match[2]!);
  const key = businessIdentifier(target?.resource);
  return key ? conditionalUrl(match[1]!, key) : undefined;
}

function collectReferences(value: unknown, out: { reference: string }[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, out);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  if (typeof record.reference === 'string') out.push(record as { reference: string });
  for (const [key, child] of Object.entries(record)) {
    // A contained resource's references point inside the resource or are resolved with it.
    if (key !== 'contained') collectReferences(child, out);
  }
}
