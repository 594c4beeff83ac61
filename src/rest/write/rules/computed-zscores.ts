/**
 * Growth z-scores are computed by the gateway, never taken from a client (decision 025): a client
 * create or update of an Observation coded from the growth-indicator code system is refused, so
 * no client number is stored where escalation and charts read the gateway's. The gateway's own
 * writes (its write reaction) pass.
 * @module
 */
import { error, type Issue } from '../../../fhir/outcome.js';
import type { ResourceChange } from './write-rules.js';

const GROWTH_INDICATOR_SYSTEM = 'https://fhir.patronage.kz/CodeSystem/growth-indicator';

/** Refuses a growth z-score Observation that a client writes. */
export function refuseClientZScores(change: ResourceChange): Issue[] {
  if (change.byGateway) return [];
  const coding = (change.next as fhir4.Observation).code?.coding ?? [];
  const index = coding.findIndex((c) => c.system === GROWTH_INDICATOR_SYSTEM);
  if (index < 0) return [];
  return [
    error(
      'business-rule',
      'Growth z-scores are computed by the gateway from the measurements they derive from; send the weight, ' +
        'length/height, head circumference or MUAC Observation instead',
      `Observation.code.coding[${index}]`,
    ),
  ];
}
