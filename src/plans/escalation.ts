/**
 * Progressive care and escalation: each rule a committed record fires writes, in one
 * transaction, the gateway's progressive assessment (unless the trigger is the nurse's own
 * family assessment), the referral and its Task, the safeguarding Flag where the rule says so,
 * and the progressive visits added to the subject's active plans (category progressive added).
 * The same trigger twice escalates once, and a rule with a referral still open for the subject
 * does not escalate again: the escalation identifier (`rule/trigger`) makes every write a
 * conditional create, and the open referral is looked up first.
 * @module
 */
import { FhirError } from '../fhir/outcome.js';
import type { RestContext } from '../rest/context.js';
import { processBundle } from '../rest/transaction.js';
import { datePart } from './calendar-dates.js';
import { activityCode, patronageCategory } from './care-plan.js';
import {
  ESCALATION_SYSTEM,
  derivedAssessment,
  progressiveActivities,
  referral,
  referralTask,
  safeguardingFlag,
  whoAndWhere,
  type EscalationContext,
} from './escalation-resources.js';
import { matchTriggers, type TriggerMatch } from './escalation-triggers.js';
import { findResources, referenceTo } from './plan-store.js';
import { programmeParameters } from './programme-parameters.js';

const OPEN_REFERRAL = new Set(['draft', 'active', 'on-hold']);
type Plan = fhir4.CarePlan & { id: string };

/** Runs every rule `resource` fires. */
export async function escalate(ctx: RestContext, resource: fhir4.Resource): Promise<void> {
  // The gateway's own assessments are results of an escalation, never triggers of another.
  const identifiers = (resource as { identifier?: fhir4.Identifier[] }).identifier;
  if (Array.isArray(identifiers) && identifiers.some((i) => i.system === ESCALATION_SYSTEM)) return;
  for (const match of matchTriggers(resource, programmeParameters())) await escalateOnce(ctx, match);
}

/** True when this trigger escalated already, or the rule has an open referral for the subject. */
async function alreadyEscalated(ctx: RestContext, match: TriggerMatch, key: string): Promise<boolean> {
  const referrals = await findResources<fhir4.ServiceRequest>(ctx, 'ServiceRequest', { subject: match.subject });
  return referrals.some((r) =>
    (r.identifier ?? []).some(
      (i) =>
        i.system === ESCALATION_SYSTEM &&
        (i.value === key || (i.value?.startsWith(`${match.rule.id}/`) && OPEN_REFERRAL.has(r.status))),
    ),
  );
}

function entry(resource: fhir4.Resource, fullUrl: string, key: string): fhir4.BundleEntry {
  const ifNoneExist = `identifier=${encodeURIComponent(`${ESCALATION_SYSTEM}|${key}`)}`;
  return { fullUrl, resource, request: { method: 'POST', url: resource.resourceType, ifNoneExist } };
}

function withProgressiveVisits(plan: Plan, activities: fhir4.CarePlanActivity[]): fhir4.BundleEntry {
  // The plan has one patronage category (kz-patronage-careplan): universal becomes progressive.
  const others = (plan.category ?? []).filter(
    (c) => !c.coding?.some((x) => x.system === patronageCategory('universal').coding![0]!.system),
  );
  const updated: Plan = {
    ...plan,
    category: [patronageCategory('progressive'), ...others],
    activity: [...(plan.activity ?? []), ...activities],
  };
  return {
    resource: updated,
    request: { method: 'PUT', url: referenceTo(plan), ifMatch: `W/"${plan.meta?.versionId ?? ''}"` },
  };
}

async function escalateOnce(ctx: RestContext, match: TriggerMatch): Promise<void> {
  const key = `${match.rule.id}/${referenceTo(match.trigger)}`;
  if (await alreadyEscalated(ctx, match, key)) return;
  const now = ctx.clock().toISOString();
  const e: EscalationContext = { match, key, now, date: match.date || datePart(now), ...whoAndWhere(match.trigger) };
  const urn = () => `urn:uuid:${crypto.randomUUID()}`;
  const [raUrl, srUrl, taskUrl, flagUrl] = [urn(), urn(), urn(), urn()];
  const assessment = match.familyAssessment ? referenceTo(match.familyAssessment) : raUrl;
  const entries: fhir4.BundleEntry[] = [];
  if (!match.familyAssessment) entries.push(entry(derivedAssessment(e), raUrl, key));
  if (match.flagConcern) entries.push(entry(safeguardingFlag(e, match.flagConcern), flagUrl, key));
  entries.push(entry(referral(e, assessment, match.flagConcern ? flagUrl : undefined), srUrl, key));
  const patient = await ctx.store.readCurrent('Patient', match.subject.slice('Patient/'.length));
  const owner = (patient?.resource as fhir4.Patient | undefined)?.managingOrganization;
  entries.push(
    entry(referralTask(e, srUrl, owner?.reference ? { reference: owner.reference } : undefined), taskUrl, key),
  );
  const plans = (await findResources<Plan>(ctx, 'CarePlan', { subject: match.subject, status: 'active' })).filter((p) =>
    p.activity?.some((a) => activityCode(a) !== undefined),
  );
  for (const plan of plans) {
    const performer = plan.activity?.find((a) => a.detail?.performer)?.detail?.performer ?? [];
    entries.push(withProgressiveVisits(plan, progressiveActivities(e, assessment, programmeParameters(), performer)));
  }
  try {
    await processBundle(ctx, { resourceType: 'Bundle', type: 'transaction', entry: entries }, { baseUrl: 'urn:plans' });
  } catch (thrown) {
    // Name the errors (not the first issue, which may be a warning) in the reaction's warning.
    if (!(thrown instanceof FhirError)) throw thrown;
    const errors = thrown.issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
    throw new Error(`rule ${match.rule.id}: ${errors.map((i) => `${i.message} (${i.expression ?? ''})`).join('; ')}`, {
      cause: thrown,
    });
  }
}
