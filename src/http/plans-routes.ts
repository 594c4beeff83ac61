/**
 * Routes of the visit plans (`src/plans/`): `$apply` on a patronage PlanDefinition, the
 * nurses' `$worklist`, and the OperationDefinitions of this server's operations (read-only). Registered before `/fhir/:type/:id`, which would take `$worklist` as an id.
 * @see https://hl7.org/fhir/R4/plandefinition-operation-apply.html
 * @module
 */
import type { Context, Hono } from 'hono';
import { FhirError, error, notFound } from '../fhir/outcome.js';
import { parseReturnPreference } from '../rest/prefer.js';
import { readApplyRequest } from '../plans/apply-parameters.js';
import { applyPlan } from '../plans/apply-plan.js';
import { readWorklistQuery } from '../plans/worklist-query.js';
import { OPERATION_DEFINITIONS } from '../plans/operation-definitions.js';
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
    // Ids only: `$validate` and other operations on the type fall through to their routes.
    '/fhir/OperationDefinition/:id{[A-Za-z0-9\\-.]{1,64}}',
    onlyMethod('GET', async (c) => {
      const id = c.req.param('id') ?? '';
      const definition = OPERATION_DEFINITIONS.get(id);
      if (!definition) throw notFound(`OperationDefinition/${id} is not known`);
      return fhirJsonResponse(definition, { status: 200, pretty: wantsPretty(new URL(c.req.url)) });
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
