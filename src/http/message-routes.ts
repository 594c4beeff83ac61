/**
 * `POST [base]/$process-message` (decision 035). Registered before the FHIR routes, which would
 * take `$process-message` as a resource type.
 * @see https://hl7.org/fhir/R4/messageheader-operation-process-message.html
 * @module
 */
import type { Hono } from 'hono';
import { FhirError, error } from '../fhir/outcome.js';
import { processMessage } from '../exchange/messages/process-message.js';
import type { AppDependencies, AppEnv } from './app.js';
import { readFhirJsonBody } from './fhir-body.js';
import { fhirJsonResponse } from './fhir-response.js';
import { wantsPretty } from './format.js';

/** Registers `$process-message` on `app`. */
export function registerMessageRoutes(app: Hono<AppEnv>, deps: AppDependencies): void {
  app.all('/fhir/$process-message', async (c) => {
    if (c.req.method !== 'POST')
      throw new FhirError(405, error('not-supported', `${c.req.method} is not supported here; use POST`));
    const url = new URL(c.req.url);
    if (url.searchParams.get('async') === 'true')
      throw new FhirError(400, error('not-supported', 'Only synchronous processing is offered', 'async'));
    const body = await readFhirJsonBody(c.req.raw, deps.config);
    const baseUrl = deps.config.baseUrl ?? `${url.origin}/fhir`;
    const answer = await processMessage(deps, body, { baseUrl });
    return fhirJsonResponse(answer.bundle, { status: answer.status, pretty: wantsPretty(url) });
  });
}
