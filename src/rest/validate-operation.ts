/**
 * `$validate` on a type or an instance: validates a resource (the body, or the `resource`
 * parameter of a Parameters body) against base R4 and an optional `profile`, and answers 200 with
 * an OperationOutcome whether or not the resource is valid. `mode` is create, update or delete.
 * @see https://hl7.org/fhir/R4/resource-operation-validate.html
 * @module
 */
import { badRequest, error, toOperationOutcome, type Issue } from '../fhir/outcome.js';
import type { RestContext, RestResult } from './context.js';
import { heldDefinitionsFor } from './held-definitions.js';

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

/** Runs `$validate`; throws a 400 FhirError only for a malformed request, never for an invalid resource. */
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
      ...(await heldDefinitionsFor(ctx, inputs.resource)),
    }),
  ];
  return outcome(issues);
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
