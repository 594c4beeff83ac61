/**
 * An IIN assignment message from the national register: the newborn (the MessageHeader's focus)
 * with its new IIN and the provisional identifier it was registered under. The IIN is merged onto
 * the Patient holding the provisional identifier: same id, nothing removed, so every reference to
 * the child still resolves. When the IIN arrives before the discharge, the child is registered
 * with both identifiers, and the discharge later merges onto that Patient.
 * @module
 */
import { IIN_SYSTEM, PROVISIONAL_NEWBORN_SYSTEM } from '../../fhir/canonical.js';
import { error, type Issue } from '../../fhir/outcome.js';
import type { RestContext } from '../../rest/context.js';
import { childRecord } from './child-record.js';
import { identifierOf } from './find-patients.js';
import type { MessagePlan } from './message-plan.js';
import { inEntry, type InboundMessage, type MessageEntry } from './read-message.js';

function checkChild(ctx: RestContext, message: InboundMessage): { child: MessageEntry } | { issues: Issue[] } {
  const focus = (message.header.focus ?? []).map((f) => f.reference);
  const child = message.entries.find((e) => e.resource.resourceType === 'Patient' && focus.includes(e.fullUrl));
  if (!child)
    return {
      issues: [
        error(
          'required',
          'The MessageHeader focus names no Patient entry (the newborn)',
          inEntry(0, 'MessageHeader.focus'),
        ),
      ],
    };
  const issues: Issue[] = message.entries
    .filter((e) => e !== child)
    .map((e) =>
      error(
        'structure',
        `${e.resource.resourceType} has no part in an IIN assignment message`,
        inEntry(e.index, undefined),
      ),
    );
  for (const issue of ctx.validate(child.resource)) {
    if (issue.severity === 'error' || issue.severity === 'fatal')
      issues.push({ ...issue, expression: (issue.expression ?? [undefined]).map((e) => inEntry(child.index, e)) });
  }
  const patient = child.resource as fhir4.Patient;
  for (const [system, name] of [
    [IIN_SYSTEM, 'IIN'],
    [PROVISIONAL_NEWBORN_SYSTEM, 'provisional identifier'],
  ] as const) {
    if (!identifierOf(patient, system))
      issues.push(
        error('required', `An IIN assignment names the newborn's ${name}`, inEntry(child.index, 'Patient.identifier')),
      );
  }
  return issues.length ? { issues } : { child };
}

/** Plans the writes of an IIN assignment message. */
export async function planIinAssignment(ctx: RestContext, message: InboundMessage): Promise<MessagePlan> {
  const checked = checkChild(ctx, message);
  if ('issues' in checked) return checked;
  const record = await childRecord(ctx, checked.child);
  if ('issues' in record) return record;
  return { entries: [record.entry], sourceIndex: [checked.child.index], focus: [{ reference: record.reference }] };
}
