/**
 * `POST [base]/$process-message`: a FHIR message processed synchronously through the ordinary
 * transaction pipeline (validation, integrity checks, the outbox, write reactions such as a
 * registered child's visit plan), answered with a response message (decision 035).
 *
 * - A message whose receipt exists is answered with the stored response and writes nothing.
 * - A message with errors is answered `fatal-error` (HTTP 422) with every error located in the
 *   request (`Bundle.entry[i].resource…`) and stores nothing: the writes and the receipt are one
 *   transaction.
 * @see https://hl7.org/fhir/R4/messageheader-operation-process-message.html
 * @module
 */
import { FhirError, error, type Issue } from '../../fhir/outcome.js';
import type { RestContext } from '../../rest/context.js';
import { processBundle } from '../../rest/transaction.js';
import { planDischarge } from './discharge-message.js';
import { planIinAssignment } from './iin-message.js';
import { MATERNITY_DISCHARGE, MESSAGE_EVENT_SYSTEM, NEWBORN_IIN_ASSIGNED } from './message-events.js';
import type { MessagePlan } from './message-plan.js';
import { inEntry, readMessage, type InboundMessage } from './read-message.js';
import { receiptEntry, storedResponse } from './receipt.js';
import { responseMessage } from './response-message.js';

/** The answer: the HTTP status and the response message. */
export interface MessageAnswer {
  status: number;
  bundle: fhir4.Bundle;
}

/** How often a message is replanned when a concurrent write changed what it read. */
const ATTEMPTS = 3;

const PLANNERS: Record<string, (ctx: RestContext, message: InboundMessage) => Promise<MessagePlan>> = {
  [MATERNITY_DISCHARGE]: planDischarge,
  [NEWBORN_IIN_ASSIGNED]: planIinAssignment,
};

/** Processes the message `body`; throws a 400 FhirError when it is not a message at all. */
export async function processMessage(
  ctx: RestContext,
  body: unknown,
  options: { baseUrl: string },
): Promise<MessageAnswer> {
  const message = readMessage(body);
  const respond = (code: 'ok' | 'fatal-error', content: { focus?: fhir4.Reference[]; issues?: Issue[] }) =>
    responseMessage(message, code, content, { baseUrl: options.baseUrl, now: ctx.clock(), newId: ctx.newId });
  for (let attempt = 1; ; attempt++) {
    const stored = await storedResponse(ctx, message.key);
    if (stored) return { status: 200, bundle: stored };
    const plan = await planOf(ctx, message);
    if ('issues' in plan) return { status: 422, bundle: respond('fatal-error', { issues: plan.issues }) };
    const response = respond('ok', { focus: plan.focus });
    const receipt = await receiptEntry(message.key, response, {
      ...(plan.focus[0]?.reference ? { subject: plan.focus[0].reference } : {}),
      ...(message.bundle.timestamp ? { sent: message.bundle.timestamp } : {}),
      now: ctx.clock(),
    });
    const transaction: fhir4.Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [...plan.entries, receipt],
    };
    try {
      // The receipt is created under the key's id with If-None-Match: *, so a copy whose
      // transaction commits is the first: a later copy fails with 412 and reads the answer.
      await processBundle(ctx, transaction, { baseUrl: options.baseUrl, maxEntries: transaction.entry!.length });
      return { status: 200, bundle: response };
    } catch (thrown) {
      if (!(thrown instanceof FhirError) || thrown.status >= 500) throw thrown;
      // A lost race (another copy of this message, or a write to the same child): read again.
      if ((thrown.status === 409 || thrown.status === 412) && attempt < ATTEMPTS) continue;
      const issues = thrown.issues.map((issue) => locatedInMessage(issue, [...plan.sourceIndex, 0]));
      return { status: thrown.status === 409 ? 409 : 422, bundle: respond('fatal-error', { issues }) };
    }
  }
}

async function planOf(ctx: RestContext, message: InboundMessage): Promise<MessagePlan> {
  const { eventCoding } = message.header;
  const planner = eventCoding?.system === MESSAGE_EVENT_SYSTEM ? PLANNERS[eventCoding.code ?? ''] : undefined;
  if (planner) return planner(ctx, message);
  const known = Object.keys(PLANNERS).join(', ');
  const text = `The event is not one this server processes (${MESSAGE_EVENT_SYSTEM}: ${known})`;
  return { issues: [error('not-supported', text, inEntry(0, 'MessageHeader.eventCoding'))] };
}

/** `issue` with `Bundle.entry[k]` of the transaction turned into the message entry it came from. */
function locatedInMessage(issue: Issue, sourceIndex: readonly number[]): Issue {
  if (!issue.expression) return issue;
  const expression = issue.expression.map((e) =>
    e.replace(/^Bundle\.entry\[(\d+)\]/, (whole, k: string) => {
      const index = sourceIndex[Number(k)];
      return index === undefined ? whole : `Bundle.entry[${index}]`;
    }),
  );
  return { ...issue, expression };
}
