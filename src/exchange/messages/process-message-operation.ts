/**
 * `$process-message` as the CapabilityStatement lists it on the server's base; the route is
 * `src/http/message-routes.ts`.
 * @module
 */
import { MESSAGE_EVENT_SYSTEM, MESSAGE_EVENTS } from './message-events.js';

/** The operation, defined by FHIR's own OperationDefinition. @see https://hl7.org/fhir/R4/messageheader-operation-process-message.html */
export const PROCESS_MESSAGE_OPERATION: fhir4.CapabilityStatementRestResourceOperation = {
  name: 'process-message',
  definition: 'http://hl7.org/fhir/OperationDefinition/MessageHeader-process-message',
  documentation: `Synchronous processing of the message events ${MESSAGE_EVENTS.join(', ')} (${MESSAGE_EVENT_SYSTEM}); a message resent with the same Bundle.identifier is answered with the first response and changes nothing.`,
};
