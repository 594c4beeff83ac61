/**
 * JSON Patch (RFC 6902) on a resource: add, remove, replace, move, copy, test. Works on a copy;
 * a malformed patch is a 400, an operation that cannot apply is a 422, each naming the operation.
 * @see https://hl7.org/fhir/R4/http.html#patch
 * @see https://www.rfc-editor.org/rfc/rfc6902
 * @module
 */
import { FORBIDDEN_KEYS } from '../fhir/json/scan-json.js';
import { FhirError, badRequest, error } from '../fhir/outcome.js';

type Json = unknown;
type Container = Record<string, Json> | Json[];

interface Operation {
  op: string;
  path: string;
  from?: string;
  value?: Json;
}

/** Applies `patch` to a copy of `document` and returns the copy. */
export function applyJsonPatch(document: Json, patch: unknown): Json {
  if (!Array.isArray(patch)) throw badRequest('A JSON Patch document is an array of operations');
  // Every operation is checked before any is applied, so a bad one changes nothing.
  const operations = patch.map((raw, index) => asOperation(raw, index));
  let doc = structuredClone(document);
  operations.forEach((op, index) => {
    doc = applyOne(doc, op, `operation ${index} (${op.op} ${op.path})`);
  });
  return doc;
}

function asOperation(raw: unknown, index: number): Operation {
  const op = raw as Partial<Operation> | null;
  if (!op || typeof op.op !== 'string' || typeof op.path !== 'string') {
    throw badRequest(`JSON Patch operation ${index} needs string 'op' and 'path'`);
  }
  if (['add', 'replace', 'test'].includes(op.op) && !Object.hasOwn(op, 'value'))
    throw badRequest(`JSON Patch operation ${index} needs a value`);
  if (['move', 'copy'].includes(op.op) && typeof op.from !== 'string')
    throw badRequest(`JSON Patch operation ${index} needs 'from'`);
  assertSafePointer(op.path, index);
  if (typeof op.from === 'string') assertSafePointer(op.from, index);
  return op as Operation;
}

/**
 * Refuses a pointer with a segment that names prototype machinery: written through, it would
 * change `Object.prototype` for the whole process. They are never FHIR element names.
 */
function assertSafePointer(pointer: string, index: number): void {
  const forbidden = parsePointer(pointer, `JSON Patch operation ${index}`).find((token) => FORBIDDEN_KEYS.has(token));
  if (forbidden !== undefined) {
    throw badRequest(`JSON Patch operation ${index}: the path segment '${forbidden}' is not allowed`);
  }
}

function applyOne(doc: Json, op: Operation, label: string): Json {
  switch (op.op) {
    case 'add':
      return add(doc, op.path, structuredClone(op.value), label);
    case 'remove':
      return remove(doc, op.path, label).doc;
    case 'replace':
      return add(remove(doc, op.path, label).doc, op.path, structuredClone(op.value), label);
    case 'move': {
      const removed = remove(doc, op.from!, label);
      return add(removed.doc, op.path, removed.value, label);
    }
    case 'copy':
      return add(doc, op.path, structuredClone(get(doc, op.from!, label)), label);
    case 'test':
      if (JSON.stringify(get(doc, op.path, label)) !== JSON.stringify(op.value))
        throw unprocessable(`${label}: test failed`);
      return doc;
    default:
      throw badRequest(`${label}: unknown op '${op.op}'`);
  }
}

function parsePointer(pointer: string, label: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw badRequest(`${label}: '${pointer}' is not a JSON Pointer`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: Json, pointer: string, label: string): { parent: Container; key: string } {
  const tokens = parsePointer(pointer, label);
  const key = tokens.pop();
  if (key === undefined) throw unprocessable(`${label}: cannot change the whole resource`);
  let node = doc;
  for (const token of tokens) node = child(node, token, label);
  if (typeof node !== 'object' || node === null) throw unprocessable(`${label}: path does not exist`);
  return { parent: node as Container, key };
}

function child(node: Json, token: string, label: string): Json {
  if (Array.isArray(node)) return node[arrayIndex(node, token, label, false)];
  // Own properties only: an inherited name (toString) is not part of the document.
  if (typeof node === 'object' && node !== null && Object.hasOwn(node, token))
    return (node as Record<string, Json>)[token];
  throw unprocessable(`${label}: path does not exist`);
}

function arrayIndex(array: Json[], token: string, label: string, forInsert: boolean): number {
  if (forInsert && token === '-') return array.length;
  const index = Number(token);
  const max = forInsert ? array.length : array.length - 1;
  if (!/^\d+$/.test(token) || index > max) throw unprocessable(`${label}: index ${token} is out of range`);
  return index;
}

function get(doc: Json, pointer: string, label: string): Json {
  let node = doc;
  for (const token of parsePointer(pointer, label)) node = child(node, token, label);
  return node;
}

function add(doc: Json, pointer: string, value: Json, label: string): Json {
  const { parent, key } = parentOf(doc, pointer, label);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, label, true), 0, value);
  else parent[key] = value;
  return doc;
}

function remove(doc: Json, pointer: string, label: string): { doc: Json; value: Json } {
  const { parent, key } = parentOf(doc, pointer, label);
  if (Array.isArray(parent)) {
    const [value] = parent.splice(arrayIndex(parent, key, label, false), 1);
    return { doc, value };
  }
  if (!Object.hasOwn(parent, key)) throw unprocessable(`${label}: path does not exist`);
  const value = parent[key];
  delete parent[key];
  return { doc, value };
}

function unprocessable(message: string): FhirError {
  return new FhirError(422, error('processing', message));
}
