/**
 * The response message `$process-message` answers with: a Bundle of type `message` whose
 * MessageHeader names the request's header (`response.identifier`), says `ok` or `fatal-error`,
 * and for an error points at an OperationOutcome entry whose issues are located in the request.
 * @see https://hl7.org/fhir/R4/messaging.html#response
 * @module
 */
import { toOperationOutcome, type Issue } from '../../fhir/outcome.js';
import type { ResponseCode } from './message-events.js';
import type { InboundMessage } from './read-message.js';

/** What a response says besides its code. */
export interface ResponseContent {
  /** The records the message led to (the child first). */
  focus?: fhir4.Reference[];
  /** Why the message was refused; the OperationOutcome entry. */
  issues?: readonly Issue[];
}

/** The response to `message`. `newId` gives the ids of its entries. */
export function responseMessage(
  message: InboundMessage,
  code: ResponseCode,
  content: ResponseContent,
  options: { baseUrl: string; now: Date; newId: () => string },
): fhir4.Bundle {
  const outcomeUrl = `urn:uuid:${options.newId()}`;
  const hasOutcome = (content.issues?.length ?? 0) > 0;
  const { eventCoding, eventUri, source } = message.header;
  const header: fhir4.MessageHeader = {
    resourceType: 'MessageHeader',
    id: options.newId(),
    ...(eventCoding ? { eventCoding } : eventUri ? { eventUri } : {}),
    ...(source?.endpoint ? { destination: [{ endpoint: source.endpoint }] } : {}),
    source: { endpoint: `${options.baseUrl}/$process-message` },
    response: {
      identifier: message.header.id!,
      code,
      ...(hasOutcome ? { details: { reference: outcomeUrl } } : {}),
    },
    ...(content.focus?.length ? { focus: content.focus } : {}),
  };
  const entry: fhir4.BundleEntry[] = [{ fullUrl: `urn:uuid:${header.id!}`, resource: header }];
  if (hasOutcome) entry.push({ fullUrl: outcomeUrl, resource: toOperationOutcome(content.issues!) });
  return {
    resourceType: 'Bundle',
    identifier: { ...message.key },
    type: 'message',
    timestamp: options.now.toISOString(),
    entry,
  };
}
