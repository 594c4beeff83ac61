/**
 * What the terminology operations share: the request shape the route hands over, the reading of
 * the ValueSet or ConceptMap an operation works on (instance id, resource parameter or url), the
 * mapping of an unexpandable compose to its outcome, and the building of output Parameters.
 * @see https://hl7.org/fhir/R4/operations.html
 * @module
 */
import { FhirError, error, hasErrors, notFound } from '../../fhir/outcome.js';
import { ExpansionNotSupportedError } from '../../terminology/value-set-expansion.js';
import type { RestContext } from '../context.js';
import { parameterError, readOperationParameters, type OperationParameters } from './operation-parameters.js';
import {
  createTerminologyResources,
  type TerminologyResources,
  type TerminologyType,
} from './terminology-resources.js';

/** One terminology operation request, as the route extracted it. */
export interface TerminologyRequest {
  /** Set for the instance level (`ValueSet/[id]/$expand`). */
  id?: string;
  query: URLSearchParams;
  /** Parsed JSON body of a POST; absent for GET. */
  body?: unknown;
  /** The `Accept-Language` header: the display language when `displayLanguage` is not given. */
  acceptLanguage?: string;
}

/** The parsed parameters and the resources to read from. */
export interface TerminologyCall {
  params: OperationParameters;
  resources: TerminologyResources;
  ctx: RestContext;
  /** `displayLanguage`, else the language the client prefers most (`Accept-Language`). */
  displayLanguage: string | undefined;
}

/** Checks the body as a Parameters resource (base R4) and reads its parameters. */
export function openCall(ctx: RestContext, request: TerminologyRequest): TerminologyCall {
  if (request.body !== undefined) {
    const issues = ctx.validate(request.body as fhir4.Resource);
    if (hasErrors(issues)) throw new FhirError(400, issues);
  }
  const params = readOperationParameters(request.query, request.body);
  const displayLanguage = params.text('displayLanguage') ?? preferredLanguage(request.acceptLanguage);
  return { params, resources: createTerminologyResources(ctx), ctx, displayLanguage };
}

/**
 * The most preferred language of an `Accept-Language` header (`kk-KZ, ru;q=0.9` gives `kk-KZ`);
 * the wildcard names none.
 * @see https://hl7.org/fhir/R4/valueset-operation-expand.html (displayLanguage)
 */
export function preferredLanguage(header: string | undefined): string | undefined {
  const ranked = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...options] = part.split(';').map((p) => p.trim());
      const q = options.find((o) => o.startsWith('q='));
      return { tag, weight: q === undefined ? 1 : Number(q.slice(2)) };
    })
    .filter((entry) => entry.tag !== '' && entry.tag !== '*' && entry.weight > 0);
  ranked.sort((a, b) => b.weight - a.weight);
  return ranked[0]?.tag;
}

type Definition<T extends TerminologyType> = Extract<fhir4.FhirResource, { resourceType: T }>;

/** Names of the parameters that give the resource an operation works on. */
interface DefinitionParameters {
  /** Parameter carrying the resource itself (`valueSet`, `conceptMap`). */
  resource: string;
  /** Parameter naming its version (`valueSetVersion`, `conceptMapVersion`). */
  version: string;
}

/**
 * The definition an operation works on: the instance of the path, else the resource given in
 * the body, else the one with the `url` parameter. 404 when the id or url is not known; when
 * none of the three is given, `undefined` (some operations then search all, others need one).
 */
export async function targetDefinition<T extends TerminologyType>(
  call: TerminologyCall,
  request: TerminologyRequest,
  type: T,
  names: DefinitionParameters,
): Promise<Definition<T> | undefined> {
  if (request.id !== undefined) {
    const found = await call.resources.byId(type, request.id);
    if (!found) throw notFound(`${type}/${request.id} is not known here`);
    return found;
  }
  const given = call.params.resource(names.resource);
  if (given !== undefined) {
    if (given.resourceType !== type)
      throw parameterError(names.resource, `Parameter '${names.resource}' must be a ${type}`);
    return given as Definition<T>;
  }
  const url = call.params.text('url');
  if (url === undefined) return undefined;
  const version = call.params.text(names.version);
  const found = await call.resources.byUrl(type, url, version);
  if (!found) throw notFound(`${type} ${version === undefined ? url : `${url}|${version}`} is not known here`);
  return found;
}

/** Runs an expansion, turning a part this server cannot expand into a 422 not-supported. */
export async function withExpansionErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (thrown) {
    if (!(thrown instanceof ExpansionNotSupportedError)) throw thrown;
    throw new FhirError(422, error('not-supported', thrown.message, thrown.element));
  }
}

/** A 400 for a request that names nothing to work on. */
/**
 * The ValueSet that `$expand` and `$validate-code` work on (the instance, a `valueSet` in the
 * body, or the `url` parameter); 400 when none is named.
 */
export async function requiredValueSet(
  call: TerminologyCall,
  request: TerminologyRequest,
): Promise<Definition<'ValueSet'>> {
  const valueSet = await targetDefinition(call, request, 'ValueSet', {
    resource: 'valueSet',
    version: 'valueSetVersion',
  });
  if (!valueSet) throw nothingGiven('url', "Parameter 'url' (or a 'valueSet' in the body) is required");
  return valueSet;
}

export function nothingGiven(parameter: string, message: string): FhirError {
  return parameterError(parameter, message, 'required');
}

/** One output parameter; `undefined` values are left out so no empty element is emitted. */
export type OutputParameter = fhir4.ParametersParameter | undefined;

/** An output Parameters resource from the parameters that have a value. */
export function toParameters(parameters: readonly OutputParameter[]): fhir4.Parameters {
  const present = parameters.filter((p): p is fhir4.ParametersParameter => p !== undefined);
  return present.length > 0 ? { resourceType: 'Parameters', parameter: present } : { resourceType: 'Parameters' };
}

/** A parameter with a string value, or nothing when the value is absent or empty. */
export function stringParameter(name: string, value: string | undefined): OutputParameter {
  return value === undefined || value === '' ? undefined : { name, valueString: value };
}
