/**
 * The child of a message as a transaction entry: a new Patient under an id chosen here (so the
 * response can name it before the commit), or the stored Patient the message's identifiers
 * match, merged and guarded by its version (`If-Match`), so the Patient keeps its id.
 * @module
 */
import { error, type Issue } from '../../fhir/outcome.js';
import type { RestContext } from '../../rest/context.js';
import { storedMatches } from './find-patients.js';
import { mergePatient } from './merge-patient.js';
import { inEntry, type MessageEntry } from './read-message.js';

/** The child's transaction entry and its reference, or why there is none. */
export type ChildRecord = { entry: fhir4.BundleEntry; reference: string; existed: boolean } | { issues: Issue[] };

/** Plans the write of the child `child` of a message. */
export async function childRecord(ctx: RestContext, child: MessageEntry): Promise<ChildRecord> {
  const incoming = child.resource as fhir4.Patient;
  const matches = await storedMatches(ctx, incoming);
  if (matches.length > 1) {
    const names = matches.map((p) => `Patient/${p.id!}`).join(', ');
    const message = `The child's identifiers are held by ${names}; merging two records is not done here`;
    return { issues: [error('conflict', message, inEntry(child.index, 'Patient.identifier'))] };
  }
  const stored = matches[0];
  if (!stored) {
    const id = ctx.newId();
    return { entry: putEntry(freshCopy(incoming, id)), reference: `Patient/${id}`, existed: false };
  }
  const merged = mergePatient(stored, incoming, (path) => inEntry(child.index, path));
  if ('issues' in merged) return merged;
  const versionId = stored.meta?.versionId;
  return {
    entry: putEntry(merged.merged, versionId),
    reference: `Patient/${stored.id!}`,
    existed: true,
  };
}

/** `resource` under `id`, keeping of its `meta` only the profiles it claims. */
export function freshCopy<T extends fhir4.Resource>(resource: T, id: string): T {
  const { meta, ...content } = resource;
  return { ...content, id, ...(meta?.profile ? { meta: { profile: meta.profile } } : {}) } as T;
}

/** `PUT Type/id` of `resource`, guarded by `versionId` when given. */
export function putEntry(resource: fhir4.Resource, versionId?: string): fhir4.BundleEntry {
  return {
    resource,
    request: {
      method: 'PUT',
      url: `${resource.resourceType}/${resource.id!}`,
      ...(versionId ? { ifMatch: `W/"${versionId}"` } : {}),
    },
  };
}
