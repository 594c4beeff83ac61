/**
 * `GET [base]/Patient/{id}/$growth-chart?indicator=weight-for-age`: an SVG of the child's
 * measurements over the WHO reference curves (−3 to +3 SD), labelled in Kazakh, Russian or
 * English by `Accept-Language` (decision 025). Registered before the JSON-only routes: the answer
 * is an image, and errors are OperationOutcomes as everywhere else.
 * @see https://hl7.org/fhir/R4/operations.html
 * @module
 */
import type { Context, Hono } from 'hono';
import { FhirError, error, gone, notFound } from '../fhir/outcome.js';
import { CHART_INDICATORS, chartIndicatorNamed } from '../plans/growth/chart/chart-indicators.js';
import { chartLabels, negotiateLanguage } from '../plans/growth/chart/chart-labels.js';
import { buildChartModel } from '../plans/growth/chart/chart-model.js';
import { renderChartSvg } from '../plans/growth/chart/render-chart-svg.js';
import { childObservations } from '../plans/growth/child-observations.js';
import { MEASUREMENT_CODE_TOKENS, toMeasurement, type Measurement } from '../plans/growth/measurements.js';
import { childOf } from '../plans/growth/visit-scores.js';
import type { AppDependencies, AppEnv } from './app.js';
import { restOf } from '../auth/access-control.js';

/** Registers `/fhir/Patient/:id/$growth-chart` on `app`. */
export function registerGrowthRoutes(app: Hono<AppEnv>, deps: AppDependencies): void {
  app.all('/fhir/Patient/:id/$growth-chart', async (c) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      throw new FhirError(405, error('not-supported', `${c.req.method} is not allowed here; allowed: GET`));
    }
    return growthChart(c, deps);
  });
}

async function growthChart(c: Context<AppEnv>, deps: AppDependencies): Promise<Response> {
  const tables = deps.growthTables;
  if (!tables)
    throw new FhirError(501, error('not-supported', 'Growth charts are off: no WHO growth tables are configured'));
  const name = c.req.query('indicator') ?? '';
  const chart = chartIndicatorNamed(name);
  if (!chart) {
    const known = CHART_INDICATORS.map((i) => i.name).join(', ');
    throw new FhirError(
      400,
      error('invalid', `Unknown growth chart indicator '${name}'; one of: ${known}`, 'indicator'),
    );
  }
  const id = c.req.param('id') ?? '';
  const rest = restOf(c, deps);
  const stored = await rest.store.readCurrent('Patient', id);
  if (!stored) throw notFound(`Patient/${id} is not known`);
  if (stored.deleted) throw gone('Patient', id);
  const child = childOf(stored.resource as fhir4.Patient);
  if (!child) {
    throw new FhirError(
      422,
      error(
        'business-rule',
        'A growth chart needs the child’s gender (male or female) and full birth date',
        'Patient.birthDate',
      ),
    );
  }
  const observations = await childObservations(rest, id, MEASUREMENT_CODE_TOKENS);
  const measurements = observations.map(toMeasurement).filter((m): m is Measurement => m !== undefined);
  const language = negotiateLanguage(c.req.header('accept-language'));
  const svg = renderChartSvg(
    buildChartModel(chart, child, measurements, tables),
    chartLabels(chart, child.sex, language),
  );
  return new Response(c.req.method === 'HEAD' ? null : svg, {
    status: 200,
    headers: {
      'content-type': 'image/svg+xml; charset=utf-8',
      'content-language': language,
      vary: 'Accept-Language',
      'cache-control': 'no-store',
    },
  });
}
