/**
 * FHIR REST routes under `/fhir`. Each path shape dispatches on the method itself so that an
 * unsupported method gets a 405 OperationOutcome, and an unknown type a 404.
 * @see https://hl7.org/fhir/R4/http.html
 * @module
 */
import type { Context, Hono } from 'hono';
import { FhirError, error, notFound } from '../fhir/outcome.js';
import { isR4ResourceType, isSupportedResourceType } from '../fhir/resource-types.js';
import type { RestResult } from '../rest/context.js';
import { readHistory } from '../rest/history.js';
import { supports, type TypeInteraction } from '../rest/interactions.js';
import type { RestRequest } from '../rest/interaction.js';
import { handleRequest } from '../rest/router.js';
import { validateOperation } from '../rest/validate-operation.js';
import { readPatchBody } from './patch-body.js';
import { processBundle } from '../rest/transaction.js';
import { serverCapabilityStatement } from '../rest/server-capabilities.js';
import { maxQueryLength, readSearchForm, readSearchQuery } from './search-route.js';
import type { AppDependencies, AppEnv } from './app.js';
import { readFhirJsonBody } from './fhir-body.js';
import { registerTerminologyRoutes } from './terminology-routes.js';
import { fhirBundleResponse, fhirJsonResponse, renderResult } from './fhir-response.js';
import { assertJsonAcceptable, wantsPretty } from './format.js';
import { parseReturnPreference } from '../rest/prefer.js';
import { registerPlansRoutes } from './plans-routes.js';
import { restOf } from '../auth/access-control.js';

type Ctx = Context<AppEnv>;
type Handler = (c: Ctx) => Promise<Response>;

/** Registers `/fhir/...` on `app`. */
export function registerFhirRoutes(app: Hono<AppEnv>, deps: AppDependencies): void {
  const capabilityDate = new Date().toISOString();
  app.use('/fhir/*', async (c, next) => {
    assertJsonAcceptable(requestUrl(c), c.req.header('accept') ?? null);
    await next();
  });

  app.all(
    '/fhir/metadata',
    methods({
      GET: async (c) => {
        const statement = serverCapabilityStatement(deps, {
          baseUrl: baseUrl(c, deps),
          softwareVersion: deps.config.softwareVersion,
          date: capabilityDate,
        });
        return fhirJsonResponse(statement, { status: 200, pretty: wantsPretty(requestUrl(c)) });
      },
    }),
  );

  // `[base]/` too: fhir-kit-client posts its transactions and batches there.
  const bundleRoute = methods({
    POST: async (c) => {
      const body = await readFhirJsonBody(c.req.raw, deps.config);
      const bundle = await processBundle(restOf(c, deps), body, {
        baseUrl: baseUrl(c, deps),
        ...(deps.config.maxBundleEntries ? { maxEntries: deps.config.maxBundleEntries } : {}),
        ...(c.req.header('prefer') !== undefined ? { prefer: c.req.header('prefer') } : {}),
      });
      return fhirBundleResponse(bundle, { status: 200, pretty: wantsPretty(requestUrl(c)) });
    },
  });
  app.all('/fhir', bundleRoute);
  app.all('/fhir/', bundleRoute);

  app.all('/fhir/_history', methods({ GET: (c) => historyResponse(c, deps, {}) }));
  // Resource-validate is defined on types and instances only (system: false), not on the base.
  app.all('/fhir/$validate', () => {
    throw new FhirError(404, error('not-supported', '$validate takes a type: POST [base]/[type]/$validate'));
  });

  app.all(
    '/fhir/:type',
    methods({
      GET: (c) => {
        resourceType(c, 'search-type');
        readSearchQuery(requestUrl(c), maxQueryLength(deps));
        return route(c, deps);
      },
      POST: async (c) => route(c, deps, await readFhirJsonBody(resourceRequest(c, 'create'), deps.config)),
      PUT: async (c) => route(c, deps, await readFhirJsonBody(resourceRequest(c, 'update'), deps.config)),
      DELETE: (c) => route(c, deps),
      PATCH: async (c) => route(c, deps, await readPatchBody(resourceRequest(c, 'patch'), deps.config)),
    }),
  );

  app.all(
    '/fhir/:type/_search',
    methods({
      POST: async (c) => {
        const type = resourceType(c, 'search-type');
        const params = new URLSearchParams(readSearchQuery(requestUrl(c), maxQueryLength(deps)));
        for (const [name, value] of await readSearchForm(c.req.raw, deps.config.maxBodyBytes, maxQueryLength(deps)))
          params.append(name, value);
        // POST _search is GET [type]?[query] with the form's parameters added.
        return route(c, deps, undefined, { method: 'GET', url: `${type}?${params.toString()}` });
      },
    }),
  );

  app.all(
    '/fhir/:type/_history',
    methods({
      GET: (c) => historyResponse(c, deps, { resourceType: resourceType(c, 'history-type') }),
    }),
  );

  registerTerminologyRoutes(app, deps);
  registerPlansRoutes(app, deps);
  // $validate before /fhir/:type/:id, which would otherwise take `$validate` as an id. The type
  // level takes every R4 type, stored here or not; the instance level only the stored ones.
  app.all(
    '/fhir/:type/$validate',
    validateMethods((c) => validateResponse(c, deps), isR4ResourceType),
  );
  app.all(
    '/fhir/:type/:id/$validate',
    validateMethods((c) => validateResponse(c, deps, param(c, 'id')), isSupportedResourceType),
  );

  app.all(
    '/fhir/:type/:id',
    methods({
      GET: (c) => route(c, deps),
      PUT: async (c) => route(c, deps, await readFhirJsonBody(resourceRequest(c, 'update'), deps.config)),
      DELETE: (c) => route(c, deps),
      PATCH: async (c) => route(c, deps, await readPatchBody(resourceRequest(c, 'patch'), deps.config)),
    }),
  );

  app.all(
    '/fhir/:type/:id/_history',
    methods({
      GET: (c) => historyResponse(c, deps, { resourceType: resourceType(c, 'history-instance'), id: param(c, 'id') }),
    }),
  );

  app.all('/fhir/:type/:id/_history/:vid', methods({ GET: (c) => route(c, deps) }));
}

/**
 * Hands the request to the router ({@link handleRequest}) and renders its result. Reading the
 * body, content negotiation and rendering are all this layer does.
 */
async function route(
  c: Ctx,
  deps: AppDependencies,
  body?: unknown,
  override?: { method: string; url: string },
): Promise<Response> {
  const url = requestUrl(c);
  const request: RestRequest = {
    method: override?.method ?? c.req.method,
    url: override?.url ?? `${url.pathname.slice(FHIR_PREFIX.length)}${url.search}`,
    headers: {
      ifMatch: c.req.header('if-match'),
      ifNoneMatch: c.req.header('if-none-match'),
      ifNoneExist: c.req.header('if-none-exist'),
      prefer: c.req.header('prefer'),
      contentType: c.req.header('content-type'),
    },
    ...(body !== undefined ? { body } : {}),
  };
  const base = baseUrl(c, deps);
  const result = await handleRequest(restOf(c, deps), request, { baseUrl: base });
  return renderResult(result, { baseUrl: base, pretty: wantsPretty(url), prefer: result.prefer ?? 'representation' });
}

/**
 * The raw request, once its type is known to support `interaction`: an unknown type (404) or a
 * read-only one (405) is answered before the body is read. The router checks the same again.
 */
function resourceRequest(c: Ctx, interaction: TypeInteraction): Request {
  resourceType(c, interaction);
  return c.req.raw;
}

const FHIR_PREFIX = '/fhir/';

/**
 * The methods of a `$validate` path: an unknown type is 404 whatever the method; then POST runs
 * and any other method is 405.
 */
function validateMethods(post: Handler, knows: (type: string) => boolean): Handler {
  return async (c) => {
    const type = c.req.param('type') ?? '';
    if (!knows(type)) {
      throw notFound(
        isR4ResourceType(type)
          ? `Resource type '${type}' is not stored by this server; validate it with POST [base]/${type}/$validate`
          : `'${type}' is not an R4 resource type`,
      );
    }
    if (c.req.method === 'POST') return post(c);
    throw new FhirError(405, error('not-supported', `${c.req.method} is not allowed here; allowed: POST`));
  };
}

/**
 * `POST [type]/$validate` and `[type]/[id]/$validate`: 200 with an OperationOutcome.
 * @see https://hl7.org/fhir/R4/resource-operation-validate.html
 */
async function validateResponse(c: Ctx, deps: AppDependencies, id?: string): Promise<Response> {
  const type = c.req.param('type') ?? '';
  const url = requestUrl(c);
  const hasBody = (c.req.header('content-length') ?? '') !== '0' && c.req.raw.body !== null;
  const body = hasBody ? await readFhirJsonBody(c.req.raw, deps.config) : undefined;
  const request = { resourceType: type, body, query: url.searchParams, ...(id !== undefined ? { id } : {}) };
  return render(c, deps, await validateOperation(restOf(c, deps), request));
}

/** Dispatches on the HTTP method; other methods get 405 (after the type is known to exist). */
function methods(handlers: Partial<Record<string, Handler>>): Handler {
  return async (c) => {
    const handler = handlers[c.req.method] ?? (c.req.method === 'HEAD' ? handlers.GET : undefined);
    if (handler) return handler(c);
    const type = c.req.param('type');
    if (type !== undefined && !isSupportedResourceType(type)) throw unknownType(type);
    const allowed = Object.keys(handlers).join(', ');
    throw new FhirError(405, error('not-supported', `${c.req.method} is not allowed here; allowed: ${allowed}`));
  };
}

/** The `:type` path parameter, checked against the supported types and the interaction. */
function resourceType(c: Ctx, interaction: TypeInteraction): string {
  const type = c.req.param('type') ?? '';
  if (!isSupportedResourceType(type)) throw unknownType(type);
  if (!supports(type, interaction)) {
    throw new FhirError(405, error('not-supported', `${interaction} is not supported on ${type} (read-only here)`));
  }
  return type;
}

/** A path parameter that the route pattern guarantees. */
function param(c: Ctx, name: string): string {
  return c.req.param(name) ?? '';
}

function unknownType(type: string): FhirError {
  return notFound(`Resource type '${type}' is not supported by this server`);
}

function render(c: Ctx, deps: AppDependencies, result: RestResult): Response {
  const url = requestUrl(c);
  return renderResult(result, {
    baseUrl: baseUrl(c, deps),
    pretty: wantsPretty(url),
    prefer: parseReturnPreference(c.req.header('prefer')),
  });
}

async function historyResponse(
  c: Ctx,
  deps: AppDependencies,
  target: { resourceType?: string; id?: string },
): Promise<Response> {
  const url = requestUrl(c);
  const bundle = await readHistory(restOf(c, deps), {
    ...target,
    baseUrl: baseUrl(c, deps),
    selfUrl: url.toString(),
    params: url.searchParams,
  });
  return fhirJsonResponse(bundle, { status: 200, pretty: wantsPretty(url) });
}

/** Each request's URL, parsed once however many parts of the route ask for it. */
const parsedUrls = new WeakMap<Request, URL>();

/** The request's URL, parsed on first use. */
function requestUrl(c: Ctx): URL {
  let url = parsedUrls.get(c.req.raw);
  if (!url) {
    url = new URL(c.req.url);
    parsedUrls.set(c.req.raw, url);
  }
  return url;
}

/** The FHIR base URL: configured, or this request's origin plus `/fhir`. */
function baseUrl(c: Ctx, deps: AppDependencies): string {
  return deps.config.baseUrl ?? `${requestUrl(c).origin}/fhir`;
}
