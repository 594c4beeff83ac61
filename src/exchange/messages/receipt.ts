/**
 * The receipt of a processed message: a Communication filed under the message's identifier,
 * written in the same transaction as the message's records, holding the response message as its
 * payload. A message whose receipt exists was processed: it is answered with the stored response
 * and writes nothing. Two copies racing to commit are told apart by the receipt's id, derived from
 * the message key and written with `If-None-Match: *`: the second copy's transaction fails whole,
 * whenever the first committed. (A conditional create would not do: when the first copy commits
 * before the second resolves its If-None-Exist, the receipt finds the first's and the second's
 * other entries, such as a new child, still commit.)
 * @see https://hl7.org/fhir/R4/communication.html
 * @module
 */
import type { RestContext } from '../../rest/context.js';
import { sha256Hex } from '../../lib/sha256-hex.js';
import { searchType } from '../../rest/search.js';

const FHIR_JSON = 'application/fhir+json';

/** The transaction entry that files `response` as the receipt of the message keyed `key`. */
export async function receiptEntry(
  key: { system: string; value: string },
  response: fhir4.Bundle,
  about: { subject?: string; sent?: string; now: Date },
): Promise<fhir4.BundleEntry> {
  const id = await receiptId(key);
  const receipt: fhir4.Communication = {
    resourceType: 'Communication',
    id,
    identifier: [{ ...key }],
    status: 'completed',
    ...(about.subject ? { subject: { reference: about.subject } } : {}),
    ...(about.sent ? { sent: about.sent } : {}),
    received: about.now.toISOString(),
    payload: [{ contentAttachment: { contentType: FHIR_JSON, data: toBase64(JSON.stringify(response)) } }],
  };
  return {
    resource: receipt,
    request: { method: 'PUT', url: `Communication/${id}`, ifNoneMatch: '*' },
  };
}

/** The receipt's id: one per message key (SHA-256 of `system|value`, 32 hex digits). */
export async function receiptId(key: { system: string; value: string }): Promise<string> {
  return `receipt-${(await sha256Hex(`${key.system}|${key.value}`)).slice(0, 32)}`;
}

/** The response stored with the receipt of the message keyed `key`, if it was processed. */
export async function storedResponse(
  ctx: RestContext,
  key: { system: string; value: string },
): Promise<fhir4.Bundle | undefined> {
  const params = new URLSearchParams({ identifier: `${key.system}|${key.value}` });
  const bundle = await searchType(ctx, { resourceType: 'Communication', params, baseUrl: '', strict: true });
  for (const entry of bundle.entry ?? []) {
    const data = (entry.resource as fhir4.Communication | undefined)?.payload?.[0]?.contentAttachment;
    if (data?.contentType === FHIR_JSON && data.data) return JSON.parse(fromBase64(data.data)) as fhir4.Bundle;
  }
  return undefined;
}

function toBase64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): string {
  return new TextDecoder().decode(Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0)));
}
