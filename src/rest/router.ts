/**
 * The one router: a transport-free {@link RestRequest} in, a {@link RestResult} out. The Hono
 * routes call it for every interaction on a resource type or instance, and a batch calls it for
 * each entry, so both answer alike. A transaction uses the same parts without committing each
 * entry: it parses each entry with {@link parseRequest} and plans its writes with the write
 * pipeline (`write/`), then commits all of them in one unit of work (decision 013).
 * @see https://hl7.org/fhir/R4/http.html
 * @module
 */
import type { Deadline } from '../lib/deadline.js';
import type { RestContext, RestResult } from './context.js';
import { parseRequest, type Interaction, type ReadInteraction, type RestRequest } from './interaction.js';
import { readResource, vreadResource } from './read.js';
import { notModifiedVersions } from './request-headers.js';
import { searchType } from './search.js';
import { runWrite } from './write/run-write.js';

/** What the router needs besides the request. */
export interface RouteOptions {
  /** The FHIR base URL, for links in search Bundles. */
  baseUrl: string;
  /** The time budget of the request the interaction belongs to (a Bundle's); else its own. */
  deadline?: Deadline;
}

/** Answers `request`: parse, run, and commit alone when it writes. */
export async function handleRequest(
  ctx: RestContext,
  request: RestRequest,
  options: RouteOptions,
): Promise<RestResult> {
  return runInteraction(ctx, parseRequest(request), options);
}

/** Runs a parsed interaction; a write is committed alone. */
export async function runInteraction(
  ctx: RestContext,
  interaction: Interaction,
  options: RouteOptions,
): Promise<RestResult> {
  switch (interaction.kind) {
    case 'search': {
      const { resourceType, params, strict } = interaction;
      const input = { resourceType, params, strict, baseUrl: options.baseUrl };
      const bundle = await searchType(ctx, options.deadline ? { ...input, deadline: options.deadline } : input);
      return { status: 200, resource: bundle };
    }
    case 'read': {
      const result = await readResource(ctx, interaction.resourceType, interaction.id);
      return withPrefer(notModified(interaction, result), interaction);
    }
    case 'vread':
      return withPrefer(await vreadResource(ctx, interaction), interaction);
    default:
      return withPrefer(await runWrite(ctx, interaction), interaction);
  }
}

/** Sets the preference in place: a read's result holds its body behind a getter that a spread would call. */
function withPrefer(result: RestResult, interaction: Interaction): RestResult {
  result.prefer = interaction.prefer;
  return result;
}

/**
 * A read whose `If-None-Match` names the current version: 304 with the version headers and no
 * body. Otherwise the read as it is.
 * @see https://hl7.org/fhir/R4/http.html#cread
 */
export function notModified(interaction: ReadInteraction, result: RestResult): RestResult {
  if (interaction.ifNoneMatch === undefined || !result.version) return result;
  const versions = notModifiedVersions(interaction.ifNoneMatch);
  if (!versions.has('*') && !versions.has(result.version.versionId)) return result;
  return { status: 304, version: result.version };
}

/**
 * `PUT [type]/[id]` of a resource the server itself ships (the IG's conformance resources, demo
 * data), through the write pipeline: the same meta, validation, index rows and retry policy, but
 * allowed on the types that clients may only read.
 */
export function putResource(ctx: RestContext, resource: fhir4.Resource & { id: string }): Promise<RestResult> {
  return runWrite(ctx, { kind: 'update', resourceType: resource.resourceType, id: resource.id, resource });
}
