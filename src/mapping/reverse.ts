/**
 * The reverse mapping: the resources of one visit back to the local record, read through the same
 * mapping file. Which resource plays which part is found from the references the rules make
 * (the visit names its child, nurse role and polyclinic; a weight names the visit and the child),
 * then every rule that can be read back is: copies, ConceptMap translations backwards, cases,
 * date and local time, per-item lists. Rules marked `reverse: false` (templates, derived
 * values, fallbacks) are skipped, so only what the mapping carries losslessly comes back.
 * @see https://hl7.org/fhir/R4/conceptmap-operation-translate.html
 * @module
 */
import { translateBack, type ConceptMaps } from './dictionaries.js';
import { getElement } from './element-path.js';
import { renderField } from './formats/field-types.js';
import { getPath, setPath, type LocalFormat, type LocalRecord } from './formats/local-format.js';
import type { MappingDefinition, ResourceMapping, Rule } from './mapping-definition.js';

/** A resource with the key other resources reference it by (`Type/id` or a `urn:uuid:`). */
export interface PooledResource {
  key: string;
  resource: fhir4.Resource & { meta?: fhir4.Meta };
}

const refRules = (m: ResourceMapping) => m.rules.filter((r) => r.ref !== undefined && r.reverse !== false);

function fits(m: ResourceMapping, resource: fhir4.Resource & { meta?: fhir4.Meta }): boolean {
  return resource.resourceType === m.resourceType && (!m.profile || (resource.meta?.profile ?? []).includes(m.profile));
}

/** Which pooled resources play which named part of the mapping, starting from the visit. */
export function assignParts(mapping: MappingDefinition, pool: readonly PooledResource[], root: PooledResource): Map<string, PooledResource[]> {
  const named = new Map<string, PooledResource[]>();
  const rootMapping = mapping.resources.find((m) => fits(m, root.resource));
  if (!rootMapping) return named;
  named.set(rootMapping.name, [root]);
  const taken = new Set([root.key]);
  const byKey = new Map(pool.map((p) => [p.key, p]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const m of mapping.resources) {
      const mine = named.get(m.name);
      if (mine) {
        for (const rule of refRules(m)) {
          if (named.has(rule.ref!)) continue;
          const target = byKey.get(String((getElement(mine[0]!.resource, rule.path) as fhir4.Reference | undefined)?.reference));
          if (target && !taken.has(target.key)) {
            named.set(rule.ref!, [target]);
            taken.add(target.key);
            changed = true;
          }
        }
        continue;
      }
      const rules = refRules(m);
      if (rules.length === 0 || !rules.every((r) => named.has(r.ref!))) continue;
      const found = pool.filter(
        (p) => !taken.has(p.key) && fits(m, p.resource) && rules.every((r) => named.get(r.ref!)!.some((t) => t.key === (getElement(p.resource, r.path) as fhir4.Reference | undefined)?.reference)),
      );
      if (found.length === 0) continue;
      const chosen = m.forEach ? found : found.slice(0, 1);
      chosen.forEach((p) => taken.add(p.key));
      named.set(m.name, chosen);
      changed = true;
    }
  }
  return named;
}

function readRule(rule: Rule, element: unknown, maps: ConceptMaps): unknown {
  if (element === undefined) return undefined;
  if (rule.translate) {
    const coding = rule.translate.as === 'code' ? { system: rule.translate.target, code: element } : (element as fhir4.Coding);
    return coding.code !== undefined ? translateBack(maps, rule.translate.conceptMap, coding.system ?? rule.translate.target, String(coding.code)) : undefined;
  }
  if (rule.cases) return rule.cases.find((c) => JSON.stringify(c.value) === JSON.stringify(element))?.when;
  return element;
}

function readRules(rules: Rule[], resource: unknown, maps: ConceptMaps, into: LocalRecord, items: unknown[]): void {
  for (const rule of rules) {
    if (rule.reverse === false || rule.ref !== undefined || rule.value !== undefined || rule.template !== undefined) continue;
    if (rule.each !== undefined) {
      const list = getElement(resource, rule.path.replace(/\[\$index\]$/, '')) as unknown[] | undefined;
      const collected: unknown[] = [];
      for (const element of list ?? []) readRules(rule.rules!, element, maps, into, collected);
      if (collected.length) setPath(into, rule.each, collected);
      continue;
    }
    if (rule.dateTime) {
      const text = getElement(resource, rule.path);
      if (typeof text !== 'string') continue;
      setPath(into, rule.dateTime[0], text.slice(0, 10));
      if (text.length > 10) setPath(into, rule.dateTime[1], text.slice(11, 16));
      continue;
    }
    const value = readRule(rule, getElement(resource, rule.path), maps);
    if (value === undefined) continue;
    if (rule.field === '$item') items.push(value);
    else setPath(into, rule.field!, value);
  }
}

/** Writes each field back in the export's own style (dates `dd.mm.yyyy`, decimal comma). */
function rendered(format: LocalFormat, record: LocalRecord): LocalRecord {
  const out: LocalRecord = {};
  for (const [path, field] of Object.entries(format.definition.fields)) {
    const value = getPath(record, path);
    if (value !== undefined) setPath(out, path, renderField(value, field));
    else if (field.type === 'codes') setPath(out, path, []);
  }
  return out;
}

/** The local record of the visit `root`, read back from the resources in `pool`. */
export function reverseRecord(mapping: MappingDefinition, format: LocalFormat, maps: ConceptMaps, pool: readonly PooledResource[], root: PooledResource): LocalRecord {
  const parts = assignParts(mapping, pool, root);
  const record: LocalRecord = {};
  for (const m of mapping.resources) {
    const items: unknown[] = [];
    for (const part of parts.get(m.name) ?? []) readRules(m.rules, part.resource, maps, record, items);
    if (m.forEach) {
      const previous = (getPath(record, m.forEach.field) as unknown[] | undefined) ?? [];
      setPath(record, m.forEach.field, [...previous, ...items]);
    }
  }
  const id = /\/([^/]+)$/.exec(((root.resource as fhir4.Encounter).identifier ?? []).find((i) => i.system === mapping.resources.find((m) => fits(m, root.resource))?.identity.system)?.value ?? '')?.[1];
  if (id) setPath(record, format.definition.recordId, id);
  return rendered(format, record);
}
