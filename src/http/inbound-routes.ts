/**
 * What flows in from the national systems (decision 035): `POST [base]/$process-message`, and the
 * IIN look-up fall-through on `GET [base]/Patient`. Registered before the FHIR routes, which
 * would take `$process-message` as a resource type.
 * @see https://hl7.org/fhir/R4/messageheader-operation-process-message.html
 * @module
 */
import type { Context, Hono } from 'hono';
import { restOf } from '../auth/access-control.js';
import { FhirError, error } from '../fhir/outcome.js';
import { processMessage } from '../exchange/messages/process-message.js';
import { fallThrough, hasNoMatch, soleIinSearch } from '../exchange/lookup/iin-fall-through.js';
import type { AppDependencies, AppEnv } from './app.js';
import { readFhirJsonBody } from './fhir-body.js';
import { FHIR_JSON, fhirJsonResponse } from './fhir-response.js';
import { wantsPretty } from './format.js';

function baseUrlOf(c: Context<AppEnv>, deps: AppDependencies): string {
  return deps.config.baseUrl ?? `${new URL(c.req.url).origin}/fhir`;
}

/** Registers the inbound routes on `app`. */
export function registerInboundRoutes(app: Hono<AppEnv>, deps: AppDependencies): void {
  app.all('/fhir/$process-message', async (c) => {
    if (c.req.method !== 'POST')
      throw new FhirError(405, error('not-supported', `${c.req.method} is not supported here; use POST`));
    const url = new URL(c.req.url);
    if (url.searchParams.get('async') === 'true')
      throw new FhirError(400, error('not-supported', 'Only synchronous processing is offered', 'async'));
    const body = await readFhirJsonBody(c.req.raw, deps.config);
    // Through the caller's guarded store (decision 031): a message writes only what its sender may.
    const answer = await processMessage(restOf(c, deps), body, { baseUrl: baseUrlOf(c, deps) });
    return fhirJsonResponse(answer.bundle, { status: answer.status, pretty: wantsPretty(url) });
  });
  const lookup = deps.registerLookup;
  if (!lookup) return;
  app.use('/fhir/Patient', async (c, next) => {
    await next();
    if (c.req.method !== 'GET' || c.res.status !== 200) return;
    const url = new URL(c.req.url);
    const iin = soleIinSearch(url.searchParams);
    if (!iin) return;
    const searchset = (await c.res.clone().json()) as fhir4.Bundle;
    if (!hasNoMatch(searchset)) return;
    // The cached copy is written with the caller's rights; one they may not write stays uncached.
    const completed = await fallThrough(restOf(c, deps), lookup, iin, searchset, baseUrlOf(c, deps));
    c.res = new Response(JSON.stringify(completed, null, wantsPretty(url) ? 2 : undefined), {
      status: 200,
      headers: { 'content-type': FHIR_JSON },
    });
  });
}
