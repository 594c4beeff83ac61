/**
 * FHIRPath Patch: a Parameters resource of `operation`s (add, insert, delete, replace, move)
 * whose paths are FHIRPath expressions. The paths come from the request, so they are parsed per
 * request; fhirpath.js interprets them (no code generation), which is safe on Workers.
 * @see https://hl7.org/fhir/R4/fhirpatch.html
 * @module
 */
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4';
import { FORBIDDEN_KEYS, clip } from '../fhir/json/scan-json.js';
import { FhirError, badRequest, error } from '../fhir/outcome.js';

interface Node {
  data: unknown;
  propName?: string | null;
  index?: number | null;
  path?: string | null;
  fhirNodeDataType?: string | null;
  parentResNode: Node | null;
}

interface Operation {
  type: string;
  path: string;
  name?: string;
  value?: unknown;
  index?: number;
  source?: number;
  destination?: number;
}

type Obj = Record<string, unknown>;

/** Applies a FHIRPath Patch `Parameters` to a copy of `resource`. */
export function applyFhirPathPatch(resource: fhir4.Resource, parameters: fhir4.Parameters): fhir4.Resource {
  const list: unknown = parameters.parameter;
  if (!Array.isArray(list) || list.length === 0) {
    throw badRequest('A FHIRPath Patch needs at least one operation in Parameters.parameter', 'Parameters.parameter');
  }
  // Every operation is read and checked before any is applied.
  const operations = (list as fhir4.ParametersParameter[]).map((param, i) => {
    if (param?.name !== 'operation')
      throw badRequest(`Parameters.parameter[${i}] must be an 'operation'`, `Parameters.parameter[${i}].name`);
    return readOperation(param, i);
  });
  const doc = structuredClone(resource) as unknown as Obj;
  operations.forEach((op, i) => applyOperation(doc, op, `Parameters.parameter[${i}]`));
  return doc as unknown as fhir4.Resource;
}

const NUMBER_PARTS = new Set(['index', 'source', 'destination']);
const STRING_PARTS = new Set(['type', 'path', 'name']);

function readOperation(param: fhir4.ParametersParameter, i: number): Operation {
  const out: Partial<Operation> = {};
  const location = `Parameters.parameter[${i}]`;
  for (const [j, part] of (param.part ?? []).entries()) {
    const value = valueOf(part, `${location}.part[${j}]`);
    if (part.name === 'value') out.value = value;
    else if (NUMBER_PARTS.has(part.name)) out[part.name as 'index'] = Number(value);
    else if (STRING_PARTS.has(part.name)) out[part.name as 'type'] = value as string;
    else throw badRequest(`Unknown FHIRPath Patch part '${clip(String(part.name))}'`, `${location}.part[${j}].name`);
  }
  if (typeof out.type !== 'string' || typeof out.path !== 'string') {
    throw badRequest(`Operation ${i} needs a type and a path`, location);
  }
  if (
    out.name !== undefined &&
    (typeof out.name !== 'string' || !ELEMENT_NAME.test(out.name) || FORBIDDEN_KEYS.has(out.name))
  ) {
    throw badRequest(`'${clip(String(out.name))}' is not a FHIR element name`, location);
  }
  return out as Operation;
}

/** FHIR element names: letters and digits, starting with a letter. */
const ELEMENT_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * The value[x] of a part, or an object built from its nested parts (complex values); a nested
 * part's name becomes a property name, so it must be an element name.
 */
function valueOf(part: fhir4.ParametersParameter, location: string): unknown {
  const key = Object.keys(part).find((k) => k.startsWith('value'));
  if (key) return (part as unknown as Obj)[key];
  if (!part.part) return undefined;
  const out: Obj = {};
  for (const [j, p] of part.part.entries()) {
    if (typeof p.name !== 'string' || !ELEMENT_NAME.test(p.name) || FORBIDDEN_KEYS.has(p.name)) {
      throw badRequest(`'${clip(String(p.name))}' is not a FHIR element name`, `${location}.part[${j}].name`);
    }
    out[p.name] = valueOf(p, `${location}.part[${j}]`);
  }
  return out;
}

function evaluate(doc: Obj, path: string, location: string): Node[] {
  try {
    return fhirpath.evaluate(doc, path, undefined, r4, { resolveInternalTypes: false }) as Node[];
  } catch (cause) {
    throw badRequest(
      `'${path}' is not a valid FHIRPath expression: ${cause instanceof Error ? cause.message : cause}`,
      location,
    );
  }
}

function single(doc: Obj, op: Operation, location: string): Node {
  const nodes = evaluate(doc, op.path, location);
  if (nodes.length !== 1)
    throw unprocessable(`${op.type}: '${op.path}' must select exactly one element (found ${nodes.length})`, location);
  return nodes[0]!;
}

function applyOperation(doc: Obj, op: Operation, location: string): void {
  switch (op.type) {
    case 'delete': {
      const nodes = evaluate(doc, op.path, location);
      if (nodes.length > 1) throw unprocessable(`delete: '${op.path}' selects several elements`, location);
      if (nodes[0]) removeNode(doc, nodes[0]);
      return;
    }
    case 'replace':
      return setNode(doc, single(doc, op, location), op.value);
    case 'add': {
      if (!op.name) throw badRequest('add needs a name', location);
      const node = single(doc, op, location);
      const target = (node.parentResNode ? node.data : doc) as Obj;
      if (Array.isArray(target[op.name]) || isRepeating(node, op.name)) {
        target[op.name] = [...((target[op.name] as unknown[] | undefined) ?? []), op.value];
      } else target[op.name] = op.value;
      return;
    }
    case 'insert':
    case 'move':
      return reorder(doc, op, location);
    default:
      throw badRequest(`Unknown FHIRPath Patch operation type '${op.type}'`, location);
  }
}

/** insert (value at index) and move (source → destination) within the list `path` selects. */
function reorder(doc: Obj, op: Operation, location: string): void {
  const nodes = evaluate(doc, op.path, location);
  const first = nodes[0];
  if (!first?.parentResNode || !first.propName)
    throw unprocessable(`${op.type}: '${op.path}' selects no list`, location);
  const list = (first.parentResNode.data as Obj)[first.propName] as unknown[];
  if (op.type === 'insert') {
    if (op.index === undefined || op.index < 0 || op.index > list.length)
      throw unprocessable('insert: index out of range', location);
    list.splice(op.index, 0, op.value);
    return;
  }
  const { source, destination } = op;
  if (source === undefined || destination === undefined || source >= list.length || destination >= list.length) {
    throw unprocessable('move: source or destination out of range', location);
  }
  const [moved] = list.splice(source, 1);
  list.splice(destination, 0, moved);
}

function containerOf(doc: Obj, node: Node): { parent: Obj; key: string; index: number | null } {
  if (!node.parentResNode || !node.propName) throw unprocessable('cannot change the resource root', undefined);
  return { parent: node.parentResNode.data as Obj, key: node.propName, index: node.index ?? null };
}

function removeNode(doc: Obj, node: Node): void {
  const { parent, key, index } = containerOf(doc, node);
  const current = parent[key];
  if (Array.isArray(current) && index !== null) {
    current.splice(index, 1);
    if (current.length === 0) delete parent[key];
  } else delete parent[key];
}

function setNode(doc: Obj, node: Node, value: unknown): void {
  const { parent, key, index } = containerOf(doc, node);
  const current = parent[key];
  if (Array.isArray(current) && index !== null) current[index] = value;
  else parent[key] = value;
}

function isRepeating(node: Node, name: string): boolean {
  const repeating = (r4 as unknown as { path2Repeating: unknown }).path2Repeating;
  const keys = [`${node.fhirNodeDataType}.${name}`, `${node.path}.${name}`];
  if (repeating instanceof Set) return keys.some((k) => repeating.has(k));
  if (Array.isArray(repeating)) return keys.some((k) => repeating.includes(k));
  return keys.some((k) => Boolean((repeating as Obj)[k]));
}

function unprocessable(message: string, location: string | undefined): FhirError {
  return new FhirError(422, error('processing', message, location));
}
