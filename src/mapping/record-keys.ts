/**
 * The keys two raw records share when their transactions would replace the same resource: the
 * values of every field that an `update` identity of the mapping is built from (the child's and
 * the mother's IIN in the visit mapping). Ingest never commits two records with a common key at
 * once, so records of the same child keep their file order; `create` identities (a polyclinic, a
 * nurse) only ever create once and need no order.
 * @module
 */
import { getPath } from './formats/local-format.js';
import type { MappingDefinition } from './mapping-definition.js';

/** Fields named by `{field}` in a template, other than the mapping's own variables (`$source`, `$item`…). */
function templateFields(template: string): string[] {
  return [...template.matchAll(/\{([^}$][^}]*)\}/g)].map((match) => match[1]!);
}

/** The source fields that the `update` identities of `mapping` read, computed once per mapping. */
export function updateIdentityFields(mapping: MappingDefinition): readonly string[] {
  const fields = new Set<string>();
  for (const resource of mapping.resources) {
    if (resource.write !== 'update') continue;
    const { field, template } = resource.identity;
    if (field !== undefined && !field.startsWith('$')) fields.add(field);
    if (template !== undefined) for (const name of templateFields(template)) fields.add(name);
  }
  return [...fields];
}

/**
 * The keys of a raw record: each identity field's value, without spaces and in lower case, since
 * the format reads `" 123 456"` and `"123456"` alike. Values alone, not field names: a key that
 * two fields share (a mother's IIN that is another record's child) only orders more records.
 */
export function recordKeys(fields: readonly string[], raw: unknown): string[] {
  const keys: string[] = [];
  for (const field of fields) {
    const value = getPath(raw, field);
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const key = String(value).replace(/\s+/g, '').toLowerCase();
    if (key !== '') keys.push(key);
  }
  return keys;
}
