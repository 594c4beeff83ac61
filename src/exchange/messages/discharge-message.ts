/**
 * A maternity discharge message: the newborn (the MessageHeader's focus), the mother, the birth
 * weight, the gestational age at birth, the neonatal risk group and the maternity hospital, each
 * checked against the guide's profile. The child is registered (a provisional identifier when it
 * has no IIN yet) or, when a stored Patient holds one of its identifiers, merged onto that
 * Patient; the mother is linked as the child's RelatedPerson.
 * @see https://hl7.org/fhir/R4/messageheader.html
 * @module
 */
import { CANONICAL_BASE, IIN_SYSTEM, PROVISIONAL_NEWBORN_SYSTEM } from '../../fhir/canonical.js';
import { error, type Issue } from '../../fhir/outcome.js';
import type { RestContext } from '../../rest/context.js';
import { searchType } from '../../rest/search.js';
import { childRecord, freshCopy, putEntry } from './child-record.js';
import type { MessagePlan } from './message-plan.js';
import { inEntry, type InboundMessage, type MessageEntry } from './read-message.js';
import { referenceAt, withReferences } from './references.js';

/** The part each entry of a discharge message plays, with the guide's profile for it. */
const ROLES = {
  child: 'kz-patient',
  mother: 'kz-mother',
  birthWeight: 'kz-birth-weight',
  gestationalAge: 'kz-gestational-age-at-birth',
  riskGroup: 'kz-neonatal-risk-assessment',
  maternity: 'kz-maternity-hospital',
} as const;
type Role = keyof typeof ROLES;
/** Roles a discharge must fill exactly once (the maternity hospital may be given or referenced). */
const REQUIRED: readonly Role[] = ['child', 'mother', 'birthWeight', 'gestationalAge', 'riskGroup'];
/** Where each role names the child. */
const CHILD_FIELD: Partial<Record<Role, string>> = {
  mother: 'patient',
  birthWeight: 'subject',
  gestationalAge: 'subject',
  riskGroup: 'subject',
};

const profileOf = (role: Role) => `${CANONICAL_BASE}/StructureDefinition/${ROLES[role]}`;

function hasCode(resource: fhir4.Resource, code: string): boolean {
  return ((resource as fhir4.Observation).code?.coding ?? []).some(
    (c) => c.system === 'http://loinc.org' && c.code === code,
  );
}

function roleOf(entry: MessageEntry, childUrl: string | undefined): Role | undefined {
  const { resource } = entry;
  switch (resource.resourceType) {
    case 'Patient':
      return entry.fullUrl !== undefined && entry.fullUrl === childUrl ? 'child' : undefined;
    case 'RelatedPerson':
      return 'mother';
    case 'Observation':
      if (hasCode(resource, '8339-4')) return 'birthWeight';
      return hasCode(resource, '76516-4') ? 'gestationalAge' : undefined;
    case 'RiskAssessment':
      return 'riskGroup';
    case 'Organization':
      return 'maternity';
    default:
      return undefined;
  }
}

/** The message entries by role, and the issues of entries that play none or play one twice. */
function assignRoles(message: InboundMessage): { byRole: Map<Role, MessageEntry[]>; issues: Issue[] } {
  const patients = message.entries.filter((e) => e.resource.resourceType === 'Patient');
  const childUrl = (message.header.focus ?? [])
    .map((f) => f.reference)
    .find((reference) => patients.some((p) => p.fullUrl === reference));
  const byRole = new Map<Role, MessageEntry[]>();
  const issues: Issue[] = [];
  if (!childUrl)
    issues.push(
      error(
        'required',
        'The MessageHeader focus names no Patient entry (the newborn)',
        inEntry(0, 'MessageHeader.focus'),
      ),
    );
  for (const entry of message.entries) {
    const role = roleOf(entry, childUrl);
    if (!role) {
      const what = `${entry.resource.resourceType} has no part in a maternity discharge message`;
      issues.push(error('structure', what, inEntry(entry.index, undefined)));
      continue;
    }
    const list = byRole.get(role) ?? [];
    if (list.length > 0 && role !== 'maternity')
      issues.push(
        error('structure', `A discharge message has one ${role}; this is a second`, inEntry(entry.index, undefined)),
      );
    byRole.set(role, [...list, entry]);
  }
  for (const role of REQUIRED) {
    if (!byRole.has(role) && (role !== 'child' || childUrl))
      issues.push(error('required', `A maternity discharge message needs a ${role} (${ROLES[role]})`, 'Bundle.entry'));
  }
  return { byRole, issues };
}

/** Profile validation and the links to the child, located in the message. */
function checkEntries(ctx: RestContext, byRole: Map<Role, MessageEntry[]>, childUrl: string): Issue[] {
  const issues: Issue[] = [];
  for (const [role, entries] of byRole) {
    for (const entry of entries) {
      for (const issue of ctx.validate(entry.resource, { profile: profileOf(role) })) {
        if (issue.severity === 'error' || issue.severity === 'fatal')
          issues.push({ ...issue, expression: (issue.expression ?? [undefined]).map((e) => inEntry(entry.index, e)) });
      }
      const field = CHILD_FIELD[role];
      if (field && referenceAt(entry.resource, field) !== childUrl) {
        const path = `${entry.resource.resourceType}.${field}`;
        issues.push(error('invalid', `Must reference the newborn (${childUrl})`, inEntry(entry.index, path)));
      }
    }
  }
  const child = byRole.get('child')?.[0]?.resource as fhir4.Patient | undefined;
  const national = child?.identifier?.some((i) => i.system === IIN_SYSTEM || i.system === PROVISIONAL_NEWBORN_SYSTEM);
  if (child && !national)
    issues.push(
      error(
        'required',
        'The newborn needs an IIN or a provisional newborn identifier',
        inEntry(byRole.get('child')![0]!.index, 'Patient.identifier'),
      ),
    );
  return issues;
}

/** A stored RelatedPerson of `childReference` that is the same mother as `mother`, if any. */
async function storedMother(ctx: RestContext, childReference: string, mother: fhir4.RelatedPerson) {
  const params = new URLSearchParams({ patient: childReference });
  const bundle = await searchType(ctx, { resourceType: 'RelatedPerson', params, baseUrl: '', strict: true });
  const iin = mother.identifier?.find((i) => i.system === IIN_SYSTEM)?.value;
  return (bundle.entry ?? [])
    .map((e) => e.resource as fhir4.RelatedPerson)
    .find((stored) => {
      const storedIin = stored.identifier?.find((i) => i.system === IIN_SYSTEM)?.value;
      return iin === undefined || storedIin === undefined || storedIin === iin;
    });
}

/** A maternity hospital: created unless one with its BIN is stored (conditional create). */
function maternityEntry(entry: MessageEntry): fhir4.BundleEntry {
  const { id: _ignored, ...resource } = entry.resource as fhir4.Organization;
  const bin = resource.identifier?.find((i) => i.value && i.system)?.value;
  const system = resource.identifier?.find((i) => i.value === bin)?.system;
  return {
    ...(entry.fullUrl ? { fullUrl: entry.fullUrl } : {}),
    resource,
    request: { method: 'POST', url: 'Organization', ...(bin ? { ifNoneExist: `identifier=${system!}|${bin}` } : {}) },
  };
}

/** Plans the writes of a maternity discharge message. */
export async function planDischarge(ctx: RestContext, message: InboundMessage): Promise<MessagePlan> {
  const { byRole, issues } = assignRoles(message);
  if (issues.length) return { issues };
  const childEntry = byRole.get('child')![0]!;
  const checked = checkEntries(ctx, byRole, childEntry.fullUrl!);
  if (checked.length) return { issues: checked };
  const child = await childRecord(ctx, childEntry);
  if ('issues' in child) return child;
  const targets = new Map([[childEntry.fullUrl!, child.reference]]);
  const entries: fhir4.BundleEntry[] = [child.entry];
  const sourceIndex = [childEntry.index];
  const focus: fhir4.Reference[] = [{ reference: child.reference }];
  const motherEntry = byRole.get('mother')![0]!;
  const knownMother = child.existed
    ? await storedMother(ctx, child.reference, motherEntry.resource as fhir4.RelatedPerson)
    : undefined;
  if (knownMother && motherEntry.fullUrl) targets.set(motherEntry.fullUrl, `RelatedPerson/${knownMother.id!}`);
  for (const role of ['mother', 'birthWeight', 'gestationalAge', 'riskGroup'] as const) {
    const entry = byRole.get(role)![0]!;
    if (role === 'mother' && knownMother) {
      focus.push({ reference: `RelatedPerson/${knownMother.id!}` });
      continue;
    }
    const id = ctx.newId();
    if (entry.fullUrl) targets.set(entry.fullUrl, `${entry.resource.resourceType}/${id}`);
    entries.push(putEntry(freshCopy(entry.resource, id)));
    sourceIndex.push(entry.index);
    focus.push({ reference: `${entry.resource.resourceType}/${id}` });
  }
  for (const entry of byRole.get('maternity') ?? []) {
    entries.push(maternityEntry(entry));
    sourceIndex.push(entry.index);
  }
  return { entries: entries.map((e) => withReferences(e, targets)), sourceIndex, focus };
}
