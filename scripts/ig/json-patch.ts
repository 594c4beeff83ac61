/**
 * A minimal RFC 6902 JSON Patch (add, remove, replace) for deriving invalid examples from valid
 * ones. Throws on a path that does not exist, so a stale case fails the build.
 * @see https://www.rfc-editor.org/rfc/rfc6902
 * @module
 */

/** One patch operation. */
export interface PatchOp {
  op: 'add' | 'remove' | 'replace';
  path: string;
  value?: unknown;
}

type Container = Record<string, unknown> | unknown[];

function parsePointer(pointer: string): string[] {
  if (!pointer.startsWith('/')) throw new Error(`JSON pointer must start with '/': ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: unknown, tokens: string[], pointer: string): Container {
  let node = doc;
  for (const t of tokens.slice(0, -1)) {
    node = Array.isArray(node) ? node[Number(t)] : (node as Record<string, unknown> | undefined)?.[t];
    if (node === undefined || node === null || typeof node !== 'object') throw new Error(`No such path: ${pointer}`);
  }
  return node as Container;
}

/** Returns a patched deep copy of `doc`. */
export function applyPatch<T>(doc: T, ops: readonly PatchOp[]): T {
  const copy = structuredClone(doc);
  for (const op of ops) {
    const tokens = parsePointer(op.path);
    const parent = parentOf(copy, tokens, op.path);
    const last = tokens[tokens.length - 1]!;
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (op.op !== 'add' && !(index in parent)) throw new Error(`No such path: ${op.path}`);
      if (op.op === 'add') parent.splice(index, 0, op.value);
      else if (op.op === 'remove') parent.splice(index, 1);
      else parent[index] = op.value;
    } else {
      if (op.op !== 'add' && !(last in parent)) throw new Error(`No such path: ${op.path}`);
      if (op.op === 'remove') delete parent[last];
      else parent[last] = op.value;
    }
  }
  return copy;
}
