/**
 * `CodeSystem/$lookup`: the details of a code of a CodeSystem held here (the guide's or a stored
 * one): its display (in `displayLanguage` when a designation has it), every designation, its
 * properties, and `parent`/`child` for nested concepts. `property` limits the properties returned.
 * @see https://hl7.org/fhir/R4/codesystem-operation-lookup.html
 * @module
 */
import { notFound } from '../../fhir/outcome.js';
import { displayIn, findConcept } from '../../terminology/code-system-concepts.js';
import type { RestContext, RestResult } from '../context.js';
import {
  nothingGiven,
  openCall,
  stringParameter,
  toParameters,
  type TerminologyRequest,
} from './terminology-request.js';

/** Runs `$lookup`; 404 for an unknown CodeSystem or code, 400 when code or system is missing. */
export async function lookupOperation(ctx: RestContext, request: TerminologyRequest): Promise<RestResult> {
  const call = openCall(ctx, request);
  const coding = call.params.coding('coding');
  const code = coding?.code ?? call.params.text('code');
  if (code === undefined) throw nothingGiven('code', "Parameter 'code' (or 'coding') is required");
  const system = coding?.system ?? call.params.text('system');
  if (system === undefined) throw nothingGiven('system', "Parameter 'system' is required with 'code'");
  const version = coding?.version ?? call.params.text('version');
  const codeSystem = await call.resources.codeSystem(system, version);
  if (!codeSystem)
    throw notFound(`CodeSystem ${version === undefined ? system : `${system}|${version}`} is not known here`);
  const flat = findConcept(codeSystem, code);
  if (!flat) throw notFound(`Code '${code}' is not in CodeSystem ${system}`);
  const wanted = call.params.texts('property');
  const properties = conceptProperties(flat.concept, flat.parent).filter(
    (p) => wanted.length === 0 || wanted.includes(p.code),
  );
  return {
    status: 200,
    resource: toParameters([
      stringParameter('name', codeSystem.name ?? codeSystem.title ?? system),
      stringParameter('version', codeSystem.version),
      stringParameter('display', displayIn(flat.concept, call.params.text('displayLanguage'))),
      ...(flat.concept.designation ?? []).map(designationParameter),
      ...properties.map(propertyParameter),
    ]),
  };
}

/** A property of the concept: its own ones, and its place in the hierarchy. */
interface ConceptProperty {
  code: string;
  value: Omit<fhir4.ParametersParameter, 'name'>;
}

function conceptProperties(concept: fhir4.CodeSystemConcept, parent: string | undefined): ConceptProperty[] {
  const own = (concept.property ?? []).map(({ code, ...value }) => ({ code, value: withoutExtensions(value) }));
  const hierarchy: ConceptProperty[] = [];
  if (parent !== undefined) hierarchy.push({ code: 'parent', value: { valueCode: parent } });
  for (const child of concept.concept ?? []) hierarchy.push({ code: 'child', value: { valueCode: child.code } });
  return [...own, ...hierarchy];
}

function withoutExtensions(
  value: Omit<fhir4.CodeSystemConceptProperty, 'code'>,
): Omit<fhir4.ParametersParameter, 'name'> {
  const { id: _id, extension: _extension, modifierExtension: _modifier, ...rest } = value;
  return rest;
}

function designationParameter(designation: fhir4.CodeSystemConceptDesignation): fhir4.ParametersParameter {
  const part: fhir4.ParametersParameter[] = [];
  if (designation.language !== undefined) part.push({ name: 'language', valueCode: designation.language });
  if (designation.use !== undefined) part.push({ name: 'use', valueCoding: designation.use });
  part.push({ name: 'value', valueString: designation.value });
  return { name: 'designation', part };
}

function propertyParameter(property: ConceptProperty): fhir4.ParametersParameter {
  return {
    name: 'property',
    part: [
      { name: 'code', valueCode: property.code },
      { name: 'value', ...property.value },
    ],
  };
}
