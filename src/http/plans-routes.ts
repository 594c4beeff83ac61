/**
 * Routes of the visit plans (`src/plans/`): `$apply` on a patronage PlanDefinition and the
 * nurses' `$worklist`. Registered before `/fhir/:type/:id`, which would take `$worklist` as an id.
 * @see https://hl7.org/fhir/R4/plandefinition-operation-apply.html
 * @module
 */
import type { Context, Hono } from 'hono';
import { FhirError, error } from '../fhir/outcome.js';
import { parseReturnPreference } from '../rest/prefer.js';
import { readApplyRequest } from '../plans/apply-parameters.js';
import { applyPlan } from '../plans/apply-plan.js';
import { readWorklistQuery } from '../plans/worklist-query.js';
import { buildWorklist } from '../plans/worklist-render.js';
import type { AppDependencies, AppEnv } from './app.js';
import { readFhirJsonBody } from './fhir-body.js';
import { fhirJsonResponse, renderResult } from './fhir-response.js';
import { wantsPretty } from './format.js';
import { restOf } from '../auth/access-control.js';

type Ctx = Context<AppEnv>;

function onlyMethod(method: string, handler: (c: Ctx) => Promise<Response>) {
  return (c: Ctx) => {
    if (c.req.method !== method)
      throw new FhirError(405, error('not-supported', `${c.req.method} is not supported here; use ${method}`));
    return handler(c);
  };
}

function baseUrl(c: Ctx, deps: AppDependencies): string {
  return deps.config.baseUrl ?? `${new URL(c.req.url).origin}/fhir`;
}

/** Registers the plan routes on `app`. */
export function registerPlansRoutes(app: Hono<AppEnv>, deps: AppDependencies): void {
  app.all(
    '/fhir/PlanDefinition/:id/$apply',
    onlyMethod('POST', async (c) => {
      const url = new URL(c.req.url);
      const hasBody =
        (c.req.header('content-length') ?? '0') !== '0' || c.req.header('transfer-encoding') !== undefined;
      const body = hasBody ? await readFhirJsonBody(c.req.raw, deps.config) : undefined;
      const result = await applyPlan(restOf(c, deps), readApplyRequest(c.req.param('id') ?? '', body, url.searchParams));
      return renderResult(result, {
        baseUrl: baseUrl(c, deps),
        pretty: wantsPretty(url),
        prefer: parseReturnPreference(c.req.header('prefer') ?? 'return=representation'),
      });
    }),
  );
  app.all(
    '/fhir/CarePlan/$worklist',
    onlyMethod('GET', async (c) => {
      const url = new URL(c.req.url);
      const bundle = await buildWorklist(restOf(c, deps), readWorklistQuery(url.searchParams), { selfUrl: url.toString() });
      return fhirJsonResponse(bundle, { status: 200, pretty: wantsPretty(url) });
    }),
  );
}

