/**
 * The message events the gateway processes at `$process-message` and the codes it marks records
 * with, from the guide's code systems `message-event` and `record-source` (decision 035).
 * @see https://hl7.org/fhir/R4/messageheader-definitions.html#MessageHeader.event_x_
 * @module
 */
import { CANONICAL_BASE } from '../../fhir/canonical.js';

/** The guide's code system of message events. */
export const MESSAGE_EVENT_SYSTEM = `${CANONICAL_BASE}/CodeSystem/message-event`;
/** A maternity hospital discharges a newborn: register the child, link the mother, record the birth. */
export const MATERNITY_DISCHARGE = 'maternity-discharge';
/** The national register assigned an IIN to a newborn known by its provisional identifier. */
export const NEWBORN_IIN_ASSIGNED = 'newborn-iin-assigned';
/** The events processed here. */
export const MESSAGE_EVENTS = [MATERNITY_DISCHARGE, NEWBORN_IIN_ASSIGNED] as const;
export type MessageEvent = (typeof MESSAGE_EVENTS)[number];

/** The guide's code system of record sources (a `meta.tag`). */
export const RECORD_SOURCE_SYSTEM = `${CANONICAL_BASE}/CodeSystem/record-source`;
/** A record cached from the national register's answer to an IIN look-up. */
export const NATIONAL_REGISTER_TAG: fhir4.Coding = { system: RECORD_SOURCE_SYSTEM, code: 'national-register' };

/** The identifier system of a message without `Bundle.identifier`: its MessageHeader's id. */
export const MESSAGE_HEADER_ID_SYSTEM = `${CANONICAL_BASE}/sid/message-header-id`;

/** The FHIR response codes of a response message. @see https://hl7.org/fhir/R4/valueset-response-code.html */
export type ResponseCode = 'ok' | 'fatal-error';
