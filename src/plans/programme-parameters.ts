/**
 * The programme's schedule and thresholds, read from `profiles/parameters/patronage-parameters.json`
 * (data, versioned with the guide; unverified values are marked there) and checked once with zod,
 * so that a malformed edit fails at start-up with the field named, not in a request.
 * @module
 */
import { z } from 'zod';
import raw from '../../profiles/parameters/patronage-parameters.json' with { type: 'json' };

const duration = z.object({ value: z.number(), unit: z.enum(['d', 'wk', 'mo', 'a']) });
const window = z.object({ before: duration, after: duration });

const visit = z.object({
  code: z.string(),
  anchor: z.enum(['birth', 'discharge', 'gestational-age']),
  due: duration.extend({ comparator: z.literal('<=').optional() }),
  window: window.nullable(),
  sameDayIf: z.array(z.string()).optional(),
  lateBooking: z.object({ after: duration }).optional(),
});

const rule = z.object({
  id: z.string(),
  trigger: z.string(),
  reason: z.string(),
  target: z.string(),
  priority: z.enum(['routine', 'urgent', 'asap', 'stat']),
  riskFactor: z.string().optional(),
  flag: z.string().optional(),
});

const schema = z.object({
  version: z.string(),
  visitSchedule: z.object({
    antenatal: z.array(visit),
    child: z.array(visit),
    pregnancyFromEdd: duration,
    childEpisodeEnds: duration,
  }),
  epds: z.object({ referralTotalAtLeast: z.number(), referralItem10Above: z.number() }),
  progressiveCare: z.object({ visits: z.number().int().min(1), every: duration, window: duration }),
  growthEscalation: z.object({ zBelow: z.number(), aboveFor: z.record(z.string(), z.number()) }),
  escalationRules: z.object({ rules: z.array(rule) }),
});

/** A scheduled visit as the parameters define it. */
export type ScheduledVisit = z.infer<typeof visit>;
/** One escalation rule: which trigger, which referral, and whether it flags. */
export type EscalationRule = z.infer<typeof rule>;
/** The parsed programme parameters. */
export type ProgrammeParameters = z.infer<typeof schema>;

/** Checks `value` against the parameters' shape; throws naming the first wrong field. */
export function parseProgrammeParameters(value: unknown): ProgrammeParameters {
  const result = schema.safeParse(value);
  if (!result.success) {
    const first = result.error.issues[0];
    throw new Error(`patronage-parameters.json: ${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}`);
  }
  return result.data;
}

let parsed: ProgrammeParameters | undefined;

/** The programme parameters shipped with this build (parsed on first use). */
export function programmeParameters(): ProgrammeParameters {
  parsed ??= parseProgrammeParameters(raw);
  return parsed;
}
