/**
 * `$validate` on a type or an instance: validates a resource (the body, or the `resource`
 * parameter of a Parameters body) against base R4 and an optional `profile`, and answers 200 with
 * an OperationOutcome whether or not the resource is valid. `mode` is create, update or delete;
 * with create, or update on an instance, the write rules of the type are checked too, against
 * the current version for an update (a Task status change the server would refuse).
 * @see https://hl7.org/fhir/R4/resource-operation-validate.html
 * @module
 */
import { badRequest, error, hasErrors, toOperationOutcome, type Issue } from '../fhir/outcome.js';
import type { RestContext, RestResult } from './context.js';
import { heldDefinitionsFor } from './held-definitions.js';
import { checkCanonicalReferences } from './integrity/canonical-references.js';
import { checkWriteRules } from './write/rules/write-rules.js';

const MODES = new Set(['create', 'update', 'delete']);

/** What the route extracted from the request. */
export interface ValidateRequest {
  resourceType: string;
  /** Set for `[type]/[id]/$validate`. */
  id?: string;
  /** Parsed JSON body; absent for a delete check without a body. */
  body: unknown;
  query: URLSearchParams;
}

interface Inputs {
  resource: unknown;
  profile: string | undefined;
  mode: string | undefined;
}

/**
 * Runs `$validate`; throws a 400 FhirError only for a malformed request, never for an invalid
 * resource. Canonicals are resolved against the stored resources as on a write, a
 * QuestionnaireResponse is checked against the Questionnaire the server holds, and with a
 * `mode` the write rules (decision 021) run too.
 */
export async function validateOperation(ctx: RestContext, request: ValidateRequest): Promise<RestResult> {
  const inputs = readInputs(request);
  if (inputs.mode !== undefined && !MODES.has(inputs.mode)) {
    throw badRequest(`mode '${inputs.mode}' is not one of create, update, delete`, undefined, 'value');
  }
  if (inputs.mode === 'delete') return outcome([]);
  if (inputs.resource === undefined) throw badRequest('No resource to validate', undefined, 'required');
  const issues = [
    ...checkTarget(request, inputs),
    ...ctx.validate(inputs.resource as fhir4.Resource, {
      profile: inputs.profile,
      purpose: 'validate',
      ...(await heldDefinitionsFor(ctx, inputs.resource)),
    }),
  ];
  const resource = inputs.resource as { resourceType?: unknown };
  if (typeof resource === 'object' && resource !== null && typeof resource.resourceType === 'string') {
    const now = ctx.clock().getTime();
    issues.push(...(await checkCanonicalReferences(ctx.store, resource as fhir4.Resource, now)));
  }
  if (!hasErrors(issues)) issues.push(...(await checkRules(ctx, request, inputs)));
  return outcome(issues);
}

/** The write rules a create, or an update of the instance, would meet; none without a mode. */
async function checkRules(ctx: RestContext, request: ValidateRequest, inputs: Inputs): Promise<Issue[]> {
  const next = inputs.resource as fhir4.Resource;
  if (inputs.mode === 'create') return checkWriteRules({ next });
  if (inputs.mode !== 'update' || request.id === undefined) return [];
  const current = await ctx.store.readCurrent(request.resourceType, request.id);
  const previous = current && !current.deleted ? current.resource : undefined;
  return checkWriteRules(previous ? { previous, next } : { next });
}

function outcome(issues: Issue[]): RestResult {
  return { status: 200, resource: toOperationOutcome(issues), issues };
}

function readInputs(request: ValidateRequest): Inputs {
  const fromQuery = {
    profile: request.query.get('profile') ?? undefined,
    mode: request.query.get('mode') ?? undefined,
  };
  const body = request.body as { resourceType?: unknown } | undefined;
  if (body?.resourceType !== 'Parameters' || request.resourceType === 'Parameters') {
    return { resource: body, ...fromQuery };
  }
  const params = (body as fhir4.Parameters).parameter ?? [];
  const named = (name: string) => params.find((p) => p.name === name);
  return {
    resource: named('resource')?.resource,
    profile: named('profile')?.valueUri ?? named('profile')?.valueCanonical ?? fromQuery.profile,
    mode: named('mode')?.valueCode ?? fromQuery.mode,
  };
}

/** The resource must be of the path's type and, for an update, carry the path's id. */
function checkTarget(request: ValidateRequest, inputs: Inputs): Issue[] {
  const resource = inputs.resource as { resourceType?: unknown; id?: unknown };
  const issues: Issue[] = [];
  if (typeof resource === 'object' && resource !== null && resource.resourceType !== request.resourceType) {
    issues.push(
      error('invalid', `Expected a ${request.resourceType}, got ${String(resource.resourceType)}`, 'resourceType'),
    );
  }
  if (inputs.mode === 'update' && request.id !== undefined && resource?.id !== request.id) {
    issues.push(
      error('invalid', `For an update the resource id must be '${request.id}'`, `${request.resourceType}.id`),
    );
  }
  return issues;
}
