/**
 * The profile code generated at build time (src/generated/profiles/profile-code.ts) against the
 * interpreter it replaces on the hot path: both walk the same compiled tables, so on every input
 * they must give the same issues, message for message and in the same order. Inputs: the guide's
 * valid and invalid examples, HL7's R4 examples that claim a profile, each of those against every
 * compiled profile of its type (so that the profiles' failure paths run too), and mechanical
 * mutations of the guide's examples (each element removed, emptied, given the wrong JSON shape).
 * A generator bug shows up here as a difference, not as a silently missing check.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateProfileCode } from '../../scripts/profile-code/generate.js';
import { PROFILE_CODE } from '../../src/generated/profiles/profile-code.js';
import { PROFILE_NODES, PROFILE_TYPES } from '../../src/generated/profiles/profile-model.js';
import { validateResource, type ValidateResourceOptions } from '../../src/validation/validate-resource.js';
import { loadExamples } from './r4-examples.js';

type Json = Record<string, unknown>;

const PROFILES_DIR = fileURLToPath(new URL('../../profiles/', import.meta.url));
const GENERATED = fileURLToPath(new URL('../../src/generated/profiles/profile-code.ts', import.meta.url));
const DEFINITIONAL = new Set(['StructureDefinition', 'CodeSystem', 'ValueSet', 'ImplementationGuide', 'Questionnaire']);

function readDir(dir: string): Json[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Json);
}

const guideValid = readDir(join(PROFILES_DIR, 'fsh-generated/resources')).filter(
  (r) => !DEFINITIONAL.has(String(r.resourceType)),
);
const guideInvalid = readDir(join(PROFILES_DIR, 'examples-invalid')).map((c) => c.resource as Json);
/** A resource that claims a profile, itself or in a Bundle entry. */
function claims(resource: Json): boolean {
  if (((resource.meta as { profile?: unknown[] } | undefined)?.profile?.length ?? 0) > 0) return true;
  const entries = resource.resourceType === 'Bundle' && Array.isArray(resource.entry) ? resource.entry : [];
  return entries.some((e: { resource?: Json }) => e.resource !== undefined && claims(e.resource));
}
const r4Claiming = loadExamples()
  .map((e) => e.resource as unknown as Json)
  .filter(claims);

/** Compiled profiles by the type they constrain. */
const profilesOfType = new Map<string, string[]>();
for (const [url, type] of Object.entries(PROFILE_TYPES))
  profilesOfType.set(type, [...(profilesOfType.get(type) ?? []), url]);

const BASE_OPTIONS: ValidateResourceOptions = { unknownProfile: 'warning', maxIssues: Infinity, example: true };

/** The issues of both forms, for `resource` validated with `options`. */
function bothForms(resource: Json, options: ValidateResourceOptions = {}) {
  const r = resource as unknown as fhir4.Resource;
  return {
    generated: validateResource(r, { ...BASE_OPTIONS, ...options }),
    interpreted: validateResource(r, { ...BASE_OPTIONS, ...options, interpretProfiles: true }),
  };
}

/** Each top-level element (and each element of the first object under it) removed, emptied, or given the wrong shape. */
function* mutations(resource: Json): Generator<Json> {
  for (const [key, value] of Object.entries(resource)) {
    if (key === 'resourceType') continue;
    for (const replacement of [undefined, [], {}, null, 'x', 7, Array.isArray(value) ? value[0] : [value]]) {
      const copy = structuredClone(resource);
      if (replacement === undefined) delete copy[key];
      else copy[key] = replacement;
      yield copy;
    }
    const inner = (Array.isArray(value) ? value[0] : value) as unknown;
    if (typeof inner !== 'object' || inner === null) continue;
    for (const innerKey of Object.keys(inner)) {
      for (const replacement of [undefined, 'x', [inner]]) {
        const copy = structuredClone(resource);
        const target = (Array.isArray(copy[key]) ? (copy[key] as Json[])[0] : copy[key]) as Json;
        if (replacement === undefined) delete target[innerKey];
        else target[innerKey] = replacement;
        yield copy;
      }
    }
  }
}

function expectSame(resource: Json, options: ValidateResourceOptions = {}): number {
  const { generated, interpreted } = bothForms(resource, options);
  expect(generated, `${String(resource.resourceType)}/${String(resource.id)} ${options.profile ?? ''}`).toEqual(
    interpreted,
  );
  return interpreted.length;
}

describe('generated profile code', { timeout: 300_000 }, () => {
  it('is what the generator writes from the current profile tables (npm run gen:profiles)', () => {
    expect(readFileSync(GENERATED, 'utf8')).toBe(generateProfileCode(PROFILE_NODES));
    expect([...PROFILE_CODE.keys()].sort()).toEqual(Object.keys(PROFILE_NODES).sort());
  });

  it('finds its inputs', () => {
    expect(guideValid.length).toBeGreaterThan(40);
    expect(guideInvalid.length).toBeGreaterThan(100);
    expect(r4Claiming.length).toBeGreaterThan(20);
  });

  it('gives the interpreter’s issues on the guide’s valid and invalid examples', () => {
    let issues = 0;
    for (const resource of [...guideValid, ...guideInvalid]) issues += expectSame(resource);
    // The invalid examples fail: the comparison covered reported issues, not only silence.
    expect(issues).toBeGreaterThan(guideInvalid.length);
  });

  it('gives the interpreter’s issues on HL7’s R4 examples that claim a profile', () => {
    for (const resource of r4Claiming) expectSame(resource);
  });

  it('gives the interpreter’s issues on every example against every profile of its type', () => {
    let issues = 0;
    for (const resource of [...guideValid, ...guideInvalid, ...r4Claiming]) {
      for (const profile of profilesOfType.get(String(resource.resourceType)) ?? []) {
        issues += expectSame(resource, { profile });
      }
    }
    expect(issues).toBeGreaterThan(1000);
  });

  it('gives the interpreter’s issues on mutations of the guide’s examples', () => {
    let cases = 0;
    for (const resource of guideValid) {
      for (const mutated of mutations(resource)) {
        expectSame(mutated);
        cases++;
      }
    }
    expect(cases).toBeGreaterThan(1000);
  });
});
