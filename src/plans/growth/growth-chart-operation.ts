/**
 * The `$growth-chart` operation as the CapabilityStatement lists it (on Patient, while growth
 * scoring is on); the route is `src/http/growth-routes.ts`.
 * @module
 */
import { CHART_INDICATORS } from './chart/chart-indicators.js';
import type { GrowthTables } from './growth-tables.js';
import { operationUrl } from '../operation-definitions.js';

/** The operation's canonical, as the CapabilityStatement lists it. */
export const GROWTH_CHART_OPERATION: fhir4.CapabilityStatementRestResourceOperation = {
  name: 'growth-chart',
  definition: operationUrl('Patient-growth-chart'),
  documentation: `SVG growth chart of a child under five; indicator = ${CHART_INDICATORS.map((c) => c.name).join(' | ')}`,
};

/** `$growth-chart` on Patient when growth scoring is on; nothing otherwise. */
export function growthOperations(
  type: string,
  growthTables: GrowthTables | undefined,
): fhir4.CapabilityStatementRestResourceOperation[] {
  return type === 'Patient' && growthTables ? [GROWTH_CHART_OPERATION] : [];
}
