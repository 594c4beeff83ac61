/**
 * The use rules (context, modifier flag, root cardinality) of every extension definition the
 * server has compiled: the R4 core package's (gen:extensions) and the guide's (gen:profiles), read
 * once at start-up from the root nodes of both tables, which the same compiler wrote.
 * @see https://hl7.org/fhir/R4/extensibility.html#context
 * @module
 */
import { PROFILE_NODES } from '../../generated/profiles/profile-model.js';
import { EXTENSION_NODES } from '../../generated/r4/extensions.js';
import type { CompactExtensionUse, CompactNode } from '../model/compiled-model.js';

const DEFINITIONS: ReadonlyMap<string, CompactExtensionUse> = collect([EXTENSION_NODES, PROFILE_NODES]);

function collect(tables: readonly Readonly<Record<string, CompactNode>>[]): Map<string, CompactExtensionUse> {
  const out = new Map<string, CompactExtensionUse>();
  for (const table of tables) for (const [url, node] of Object.entries(table)) if (node.use) out.set(url, node.use);
  return out;
}

/** Context and cardinality of the extension definition `url`, when the server has compiled it. */
export function extensionDefinition(url: string): CompactExtensionUse | undefined {
  return DEFINITIONS.get(url);
}
