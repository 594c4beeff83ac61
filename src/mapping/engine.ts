/**
 * The mapping engine: one normalised local record and a mapping file in, one FHIR transaction
 * Bundle out. Each resource gets a deterministic `urn:uuid:` from its business identifier, and is
 * written conditionally on that identifier (`create` = POST with `ifNoneExist`, `update` = PUT
 * `Type?identifier=…`), so that a child, mother, nurse or polyclinic that already exists is reused
 * rather than duplicated. Every problem is collected; no Bundle is returned if any is an error.
 * @see https://hl7.org/fhir/R4/http.html#trules
 * @module
 */
import { sha256OfText } from '../lib/sha256.js';
import { toHex } from '../lib/sha256-hex.js';
import { iinDateText } from '../validation/rules/kz-identifiers.js';
import { translateForward, type ConceptMaps } from './dictionaries.js';
import { compactArrays, setElement } from './element-path.js';
import { getPath, type LocalRecord, type SourceIssue } from './formats/local-format.js';
import type { Condition, MappingDefinition, ResourceMapping, Rule } from './mapping-definition.js';

/** What the engine needs besides the record. */
export interface MapOptions {
  conceptMaps: ConceptMaps;
  /** The source system the record comes from; part of each record-owned identifier. */
  source: string;
}

/** One resource of a mapped record. */
export interface MappedResource {
  name: string;
  fullUrl: string;
  resource: fhir4.Resource & { meta?: fhir4.Meta };
  identity: { system: string; value: string };
  write: 'create' | 'update';
  profile?: string;
  /** The source field each element path was set from, to locate validation problems. */
  provenance: Map<string, string>;
}

/** The mapping of one record. */
export interface MappedRecord {
  resources: MappedResource[];
  issues: SourceIssue[];
}

/** Variables of a rule's scope: the record plus `$item`, `$number` and `$source`. */
interface Scope {
  record: LocalRecord;
  item?: unknown;
  index: number;
  source: string;
}

function read(scope: Scope, field: string): unknown {
  if (field === '$item') return scope.item;
  if (field === '$number') return scope.index + 1;
  if (field === '$source') return scope.source;
  return getPath(scope.record, field);
}

const present = (value: unknown) => value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);

function filtered(list: unknown, filter: { only?: string[] | undefined; except?: string[] | undefined }): unknown[] {
  if (!Array.isArray(list)) return [];
  return list.filter((item) => (!filter.only || filter.only.includes(item as string)) && !filter.except?.includes(item as string));
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

function holds(condition: Condition | undefined, scope: Scope): boolean {
  if (!condition) return true;
  if ('field' in condition) {
    const value = read(scope, condition.field);
    return Array.isArray(value) ? filtered(value, condition).length > 0 : present(value);
  }
  const [a, b] = condition.monthsBetween.map((f) => read(scope, f));
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const months = monthsBetween(a, b);
  return (condition.lessThan === undefined || months < condition.lessThan) && (condition.atLeast === undefined || months >= condition.atLeast);
}

function fill(template: string, scope: Scope): string | undefined {
  let missing = false;
  const text = template.replace(/\{([^}]+)\}/g, (_, field: string) => {
    const value = read(scope, field);
    if (!present(value)) missing = true;
    return String(value);
  });
  return missing ? undefined : text;
}

/** Context of one record's mapping. */
interface Run {
  options: MapOptions;
  offset: string;
  fullUrls: Map<string, string>;
  issues: SourceIssue[];
}

function ruleValue(rule: Rule, scope: Scope, run: Run): unknown {
  if (rule.value !== undefined) return rule.value;
  if (rule.template !== undefined) return fill(rule.template, scope);
  if (rule.ref !== undefined) {
    const url = run.fullUrls.get(rule.ref);
    return url ? { reference: url } : undefined;
  }
  if (rule.dateTime) {
    const [date, time] = rule.dateTime.map((f) => read(scope, f));
    if (typeof date !== 'string') return undefined;
    return typeof time === 'string' ? `${date}T${time}:00${run.offset}` : date;
  }
  const value = read(scope, rule.field!);
  if (!present(value)) return undefined;
  if (rule.derive === 'iinBirthDate') return iinDateText(String(value));
  if (rule.cases) return rule.cases.find((c) => c.when === value)?.value ?? rule.default;
  if (rule.translate) {
    const found = translateForward(run.options.conceptMaps, rule.translate.conceptMap, String(value), rule.translate.target);
    if (!found) return undefined;
    return rule.translate.as === 'code' ? found.code : found;
  }
  return value;
}

function applyRules(target: Record<string, unknown>, rules: Rule[], scope: Scope, run: Run, provenance: Map<string, string>, prefix = ''): void {
  for (const rule of rules) {
    if (!holds(rule.when, scope) || (rule.unless !== undefined && present(read(scope, rule.unless)))) continue;
    if (rule.each !== undefined) {
      filtered(read(scope, rule.each), rule.filter ?? {}).forEach((item, index) => {
        const element: Record<string, unknown> = {};
        applyRules(element, rule.rules!, { ...scope, item, index }, run, provenance, `${rule.path.replace('$index', String(index))}.`);
        setElement(target, rule.path, element, index);
      });
      continue;
    }
    const value = ruleValue(rule, scope, run);
    if (value === undefined) continue;
    setElement(target, rule.path, value, scope.index);
    const field = rule.field ?? rule.each ?? rule.dateTime?.[0];
    if (field) provenance.set(`${prefix}${rule.path}`, field === '$item' ? `${String(scope.item)}` : field);
  }
}

/** Instances a resource mapping yields for the record: none, one, or one per list item. */
function instances(mapping: ResourceMapping, scope: Scope): Scope[] {
  if (!holds(mapping.when, scope)) return [];
  if (!mapping.forEach) return [scope];
  return filtered(read(scope, mapping.forEach.field), mapping.forEach).map((item, index) => ({ ...scope, item, index }));
}

/**
 * A stable `urn:uuid:` from a business identifier (SHA-256, shaped as a version-8 UUID).
 * Synchronous: a record has about fourteen identities, and an asynchronous digest each cost more
 * CPU than the hash (decision 042).
 */
export function stableUuid(text: string): string {
  const digest = sha256OfText(text);
  digest[6] = (digest[6]! & 0x0f) | 0x80;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = toHex(digest.subarray(0, 16));
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function withIdentity(resource: Record<string, unknown>, identity: { system: string; value: string }): void {
  if (resource.resourceType === 'QuestionnaireResponse') {
    resource.identifier = identity; // QuestionnaireResponse.identifier is 0..1
    return;
  }
  const identifiers = (resource.identifier ??= []) as fhir4.Identifier[];
  if (!identifiers.some((i) => i.system === identity.system && i.value === identity.value)) identifiers.push(identity);
}

/** Maps one normalised record with `mapping`; resources come in the mapping file's order. */
export async function mapRecord(mapping: MappingDefinition, record: LocalRecord, options: MapOptions): Promise<MappedRecord> {
  const run: Run = { options, offset: mapping.timezoneOffset, fullUrls: new Map(), issues: [] };
  const base: Scope = { record, index: 0, source: options.source };
  const planned: { mapping: ResourceMapping; scope: Scope; identity: { system: string; value: string }; fullUrl: string }[] = [];
  for (const resourceMapping of mapping.resources) {
    for (const scope of instances(resourceMapping, base)) {
      const { system, field, template } = resourceMapping.identity;
      const value = field !== undefined ? read(scope, field) : fill(template!, scope);
      if (!present(value)) {
        run.issues.push({ severity: 'error', field: field ?? template!, message: `${resourceMapping.name}: no business identifier to write it by` });
        continue;
      }
      const identity = { system, value: String(value) };
      const fullUrl = stableUuid(`${system}|${identity.value}`);
      if (!resourceMapping.forEach) run.fullUrls.set(resourceMapping.name, fullUrl);
      planned.push({ mapping: resourceMapping, scope, identity, fullUrl });
    }
  }
  const resources = planned.map(({ mapping: m, scope, identity, fullUrl }) => {
    const provenance = new Map<string, string>();
    const draft: Record<string, unknown> = { resourceType: m.resourceType };
    if (m.profile) draft.meta = { profile: [m.profile] };
    applyRules(draft, m.rules, scope, run, provenance);
    withIdentity(draft, identity);
    const resource = compactArrays(draft) as MappedResource['resource'];
    return { name: m.name, fullUrl, resource, identity, write: m.write, provenance, ...(m.profile ? { profile: m.profile } : {}) };
  });
  return { resources, issues: run.issues };
}

/** The search that finds a resource by its business identifier. */
export function identityQuery(identity: { system: string; value: string }): string {
  return `identifier=${encodeURIComponent(`${identity.system}|${identity.value}`)}`;
}

/** The transaction Bundle of a mapped record. @see https://hl7.org/fhir/R4/bundle.html */
export function toTransaction(mapped: MappedRecord): fhir4.Bundle {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: mapped.resources.map(({ fullUrl, resource, identity, write }) => ({
      fullUrl,
      resource,
      request:
        write === 'create'
          ? { method: 'POST', url: resource.resourceType, ifNoneExist: identityQuery(identity) }
          : { method: 'PUT', url: `${resource.resourceType}?${identityQuery(identity)}` },
    })),
  };
}

/**
 * Identities of every resource the record could own (the visit and its findings), whether or not
 * this version of the record yields them. `itemsOf` lists the possible items of a list field (its
 * dictionary). An update deletes those the new version no longer yields.
 */
export function ownedIdentities(mapping: MappingDefinition, record: LocalRecord, source: string, itemsOf: (field: string) => readonly string[]): { resourceType: string; system: string; value: string }[] {
  const base: Scope = { record, index: 0, source };
  const found: { resourceType: string; system: string; value: string }[] = [];
  for (const resourceMapping of mapping.resources.filter((r) => r.ownedByRecord)) {
    const scopes = resourceMapping.forEach
      ? filtered(itemsOf(resourceMapping.forEach.field), resourceMapping.forEach).map((item, index) => ({ ...base, item, index }))
      : [base];
    for (const scope of scopes) {
      const { system, field, template } = resourceMapping.identity;
      const value = field !== undefined ? read(scope, field) : fill(template!, scope);
      if (present(value)) found.push({ resourceType: resourceMapping.resourceType, system, value: String(value) });
    }
  }
  return found;
}

/** Adds conditional DELETE entries for owned resources that `mapped` no longer yields. */
export function withStaleDeletes(bundle: fhir4.Bundle, mapped: MappedRecord, possible: { resourceType: string; system: string; value: string }[]): fhir4.Bundle {
  const yielded = new Set(mapped.resources.map((r) => `${r.resource.resourceType}|${r.identity.system}|${r.identity.value}`));
  const stale = possible.filter((p) => !yielded.has(`${p.resourceType}|${p.system}|${p.value}`));
  const deletes = stale.map((p) => ({ request: { method: 'DELETE' as const, url: `${p.resourceType}?${identityQuery(p)}` } }));
  return { ...bundle, entry: [...(bundle.entry ?? []), ...deletes] };
}
