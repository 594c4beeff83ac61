/**
 * The receipt of a processed message: a Communication filed under the message's identifier,
 * written in the same transaction as the message's records, holding the response message as its
 * payload. A message whose receipt exists was processed: it is answered with the stored response
 * and writes nothing; two copies racing to commit are told apart by the receipt's conditional
 * create (If-None-Exist guards the commit, so the second copy's transaction fails whole).
 * @see https://hl7.org/fhir/R4/communication.html
 * @module
 */
import type { RestContext } from '../../rest/context.js';
import { searchType } from '../../rest/search.js';

const FHIR_JSON = 'application/fhir+json';

/** The transaction entry that files `response` as the receipt of the message keyed `key`. */
export function receiptEntry(
  key: { system: string; value: string },
  response: fhir4.Bundle,
  about: { subject?: string; sent?: string; now: Date },
): fhir4.BundleEntry {
  const receipt: fhir4.Communication = {
    resourceType: 'Communication',
    identifier: [{ ...key }],
    status: 'completed',
    ...(about.subject ? { subject: { reference: about.subject } } : {}),
    ...(about.sent ? { sent: about.sent } : {}),
    received: about.now.toISOString(),
    payload: [{ contentAttachment: { contentType: FHIR_JSON, data: toBase64(JSON.stringify(response)) } }],
  };
  return {
    resource: receipt,
    request: { method: 'POST', url: 'Communication', ifNoneExist: `identifier=${key.system}|${key.value}` },
  };
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
