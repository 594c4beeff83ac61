/**
 * AuditEvents in the shape of IHE Basic Audit Log Patterns: who (the token's subject and
 * client, the network address), what (the interaction and the resources by reference only),
 * when, the outcome, and the patients concerned. Never the clinical payload, never the query's
 * values (they may carry an IIN or a name), never the token.
 * @see https://profiles.ihe.net/ITI/BALP/
 * @see https://hl7.org/fhir/R4/auditevent.html
 * @module
 */
import type { ResourceWrite } from '../storage/port.js';
import { extractIndexRows } from '../search/extract-index.js';
import type { Principal } from './principal.js';

/** What one audited interaction did. */
export interface AuditFacts {
  principal?: Principal;
  /** The client's network address, when the runtime knows it. */
  address?: string;
  /** C, R, U, D or E (execute: search and operations). */
  action: 'C' | 'R' | 'U' | 'D' | 'E';
  /** The RESTful interaction, e.g. `read`, `search-type`, `create`, `transaction`, `operation`. */
  interaction: string;
  /** An operator action (`POST /admin/exchange/requeue`): names no patient, so it is kept whole. */
  operation?: string;
  /** The HTTP status of the answer. */
  status: number;
  /** Resources concerned, `Type/id`. */
  entities: readonly string[];
  /** Patients concerned, by id. */
  patients: readonly string[];
  recorded: string;
  /** The request's X-Request-Id (the client's, or the one the gateway made), to join log and audit. */
  requestId?: string;
}

const MOST_ENTITIES = 50;

/** BALP's entity type of the transport's request id. */
const BALP_ENTITY_TYPE = 'https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType';

/** The code system of operator actions in `AuditEvent.subtype` (method and path). */
export const OPERATOR_ACTION_SYSTEM = 'urn:patronage-fhir-gateway:operator-action';

/** The AuditEvent of `facts`. */
export function auditEvent(facts: AuditFacts): fhir4.AuditEvent {
  const patients = facts.patients.slice(0, MOST_ENTITIES).map((id) => entity(`Patient/${id}`, '1', '1'));
  const others = facts.entities
    .filter((reference) => !reference.startsWith('Patient/'))
    .slice(0, MOST_ENTITIES)
    .map((reference) => entity(reference, '2', '4'));
  return {
    resourceType: 'AuditEvent',
    type: {
      system: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
      code: 'rest',
      display: 'RESTful Operation',
    },
    subtype: [
      { system: 'http://hl7.org/fhir/restful-interaction', code: facts.interaction },
      ...(facts.operation ? [{ system: OPERATOR_ACTION_SYSTEM, code: facts.operation }] : []),
    ],
    action: facts.action,
    recorded: facts.recorded,
    outcome: outcomeOf(facts.status),
    outcomeDesc: `HTTP ${facts.status}`,
    agent: [requestor(facts)],
    source: {
      observer: { display: 'patronage-fhir-gateway' },
      type: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/security-source-type',
          code: '4',
          display: 'Application Server',
        },
      ],
    },
    ...(patients.length + others.length > 0 || facts.requestId
      ? { entity: [...patients, ...others, ...requestEntity(facts.requestId)] }
      : {}),
  };
}

function requestor(facts: AuditFacts): fhir4.AuditEventAgent {
  const subject = facts.principal?.subject ?? 'unauthenticated';
  return {
    type: {
      coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110153', display: 'Source Role ID' }],
    },
    who: { identifier: { system: 'urn:patronage-fhir-gateway:token-subject', value: subject } },
    ...(facts.principal?.client ? { altId: facts.principal.client } : {}),
    requestor: true,
    ...(facts.address ? { network: { address: facts.address, type: '2' as const } } : {}),
  };
}

/** BALP's `XrequestId` entity: the request id as an identifier (no patient data). */
function requestEntity(requestId: string | undefined): fhir4.AuditEventEntity[] {
  if (!requestId) return [];
  return [{ what: { identifier: { value: requestId } }, type: { system: BALP_ENTITY_TYPE, code: 'XrequestId' } }];
}

function entity(reference: string, type: string, role: string): fhir4.AuditEventEntity {
  return {
    what: { reference },
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: type },
    role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: role },
  };
}

/** 0 success, 4 minor failure (refused, bad request), 8 serious failure (server error). */
function outcomeOf(status: number): '0' | '4' | '8' {
  if (status < 400) return '0';
  return status < 500 ? '4' : '8';
}

/** The AuditEvent as a write of its own: a new resource, version 1, with its index rows. */
export function auditWrite(event: fhir4.AuditEvent, id: string, now: string): ResourceWrite {
  const resource = { ...event, id, meta: { versionId: '1', lastUpdated: now } };
  return {
    resourceType: 'AuditEvent',
    id,
    versionId: '1',
    lastUpdated: now,
    method: 'POST',
    resource,
    expect: { kind: 'absent' },
    index: extractIndexRows(resource),
  };
}
