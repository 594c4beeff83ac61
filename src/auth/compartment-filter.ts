/**
 * Resolves a caller's compartment into the references that admit a patient, once per request
 * (request-access.ts): a polyclinic is its Organization and its PractitionerRoles (a patient
 * whose `generalPractitioner` is one of them is attached to it too); a region is every polyclinic
 * under its KATO prefix; a nurse's caseload is her Practitioner and her PractitionerRoles. Roles
 * are read at request time, not at index time, so moving a role to another polyclinic moves its
 * patients at once, without reindexing them (decision 031).
 * @module
 */
import { parseCondition } from '../search/parse-conditions.js';
import type { Condition } from '../search/search-request.js';
import type { ResourceStore } from '../storage/port.js';
import type { PatientFilter } from './compartment.js';
import type { Principal } from './principal.js';

const KATO_URL = 'https://fhir.patronage.kz/StructureDefinition/kato';
const PAGE = 500;

/** The caller's patient filter, `all` when unrestricted; `store` is the unguarded store. */
export async function resolvePatientFilter(principal: Principal, store: ResourceStore): Promise<PatientFilter | 'all'> {
  const { compartment } = principal;
  switch (compartment.kind) {
    case 'all':
      return 'all';
    case 'patient':
      return { kind: 'patient', id: compartment.patient };
    case 'none':
      return { kind: 'linked', attachedTo: [] };
    case 'polyclinic':
      return { kind: 'linked', attachedTo: await polyclinicReferences(store, [compartment.organization]) };
    case 'region':
      return {
        kind: 'linked',
        attachedTo: await polyclinicReferences(store, await organizationsUnder(store, compartment.prefix)),
      };
    case 'caseload': {
      const practitioner = `Practitioner/${compartment.practitioner}`;
      const roles = await idsOf(store, 'PractitionerRole', [
        parseCondition('PractitionerRole', 'practitioner', practitioner, Date.now()),
      ]);
      const caseload = [practitioner, ...roles.map((id) => `PractitionerRole/${id}`)];
      if (compartment.organization === undefined) return { kind: 'linked', caseload };
      return { kind: 'linked', caseload, attachedTo: await polyclinicReferences(store, [compartment.organization]) };
    }
  }
}

/** The polyclinics as `Organization/id` and their PractitionerRoles as `PractitionerRole/id`. */
async function polyclinicReferences(store: ResourceStore, organizations: readonly string[]): Promise<string[]> {
  if (organizations.length === 0) return [];
  const references = organizations.map((id) => `Organization/${id}`);
  const condition = parseCondition('PractitionerRole', 'organization', references.join(','), Date.now());
  const roles = await idsOf(store, 'PractitionerRole', [condition]);
  return [...references, ...roles.map((id) => `PractitionerRole/${id}`)];
}

/** The ids of every current `resourceType` matching `conditions` that `keep` accepts, page by page. */
async function idsOf(
  store: ResourceStore,
  resourceType: string,
  conditions: Condition[],
  keep: (resource: fhir4.Resource) => boolean = () => true,
): Promise<string[]> {
  const ids: string[] = [];
  let cursor;
  do {
    const page = await store.search({
      resourceType,
      conditions,
      sort: [],
      count: PAGE,
      total: false,
      ...(cursor ? { cursor } : {}),
    });
    for (const { id, resource } of page.resources) if (resource && keep(resource)) ids.push(id);
    cursor = page.next;
  } while (cursor);
  return ids;
}

/** The Organizations whose address carries a KATO code under `prefix` (a region's polyclinics). */
function organizationsUnder(store: ResourceStore, prefix: string): Promise<string[]> {
  return idsOf(store, 'Organization', [], (organization) =>
    katoCodes(organization as fhir4.Organization).some((code) => code.startsWith(prefix)),
  );
}

function katoCodes(organization: fhir4.Organization): string[] {
  return (organization.address ?? []).flatMap((address) =>
    (address.extension ?? []).flatMap((ext) =>
      ext.url === KATO_URL && ext.valueCoding?.code ? [ext.valueCoding.code] : [],
    ),
  );
}
