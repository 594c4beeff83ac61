/**
 * The envelope of a FHIR message: a Bundle of type `message` whose first entry is a
 * MessageHeader with an id. Without these no response message can be addressed, so their lack
 * is a 400 OperationOutcome; everything else is answered in a response message.
 * @see https://hl7.org/fhir/R4/messaging.html
 * @module
 */
import { badRequest } from '../../fhir/outcome.js';
import { MESSAGE_HEADER_ID_SYSTEM } from './message-events.js';

/** One entry of a message, with its index in `Bundle.entry` for error locations. */
export interface MessageEntry {
  index: number;
  fullUrl?: string;
  resource: fhir4.Resource;
}

/** A message as the processing steps read it. */
export interface InboundMessage {
  bundle: fhir4.Bundle;
  header: fhir4.MessageHeader;
  /** The entries after the MessageHeader. */
  entries: MessageEntry[];
  /** What makes a resent message the same message: `Bundle.identifier`, else the header's id. */
  key: { system: string; value: string };
}

/** Reads the envelope of `body`; throws a located 400 when it is not a message. */
export function readMessage(body: unknown): InboundMessage {
  const bundle = body as fhir4.Bundle;
  if (bundle?.resourceType !== 'Bundle') throw badRequest('$process-message takes a Bundle', 'Bundle');
  if (bundle.type !== 'message')
    throw badRequest(`Bundle.type is '${String(bundle.type)}', not 'message'`, 'Bundle.type');
  const entry = Array.isArray(bundle.entry) ? bundle.entry : [];
  const header = entry[0]?.resource as fhir4.MessageHeader | undefined;
  if (header?.resourceType !== 'MessageHeader')
    throw badRequest('The first entry of a message is its MessageHeader', 'Bundle.entry[0].resource');
  if (typeof header.id !== 'string' || header.id === '')
    throw badRequest('The MessageHeader has no id, which the response must name', 'Bundle.entry[0].resource.id');
  const entries: MessageEntry[] = [];
  entry.forEach((e, index) => {
    if (index === 0) return;
    if (!e?.resource || typeof e.resource.resourceType !== 'string')
      throw badRequest('A message entry carries a resource', `Bundle.entry[${index}].resource`);
    entries.push({ index, resource: e.resource, ...(e.fullUrl ? { fullUrl: e.fullUrl } : {}) });
  });
  return { bundle, header, entries, key: keyOf(bundle, header.id) };
}

function keyOf(bundle: fhir4.Bundle, headerId: string): { system: string; value: string } {
  const { system, value } = bundle.identifier ?? {};
  if (system && value) return { system, value };
  return { system: MESSAGE_HEADER_ID_SYSTEM, value: headerId };
}

/** `Bundle.entry[i].resource.<rest>` for a validator's `Type.<rest>`: where in the message it is. */
export function inEntry(index: number, expression: string | undefined): string {
  const prefix = `Bundle.entry[${index}].resource`;
  if (!expression) return prefix;
  const dot = expression.indexOf('.');
  return dot < 0 ? prefix : `${prefix}${expression.slice(dot)}`;
}
