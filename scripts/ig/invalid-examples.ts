/**
 * Builds the invalid examples: each case in profiles/invalid-cases/<profile>.json names a valid
 * example, a JSON Patch that breaks it and the exact issues a validator must report. The output,
 * profiles/examples-invalid/<case-id>.json, holds the full resource with those expected issues,
 * so validators can be tested without this build.
 * @module
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { applyPatch, type PatchOp } from './json-patch.js';
import { jsonFiles, readJson, writeJson, type AnyResource } from './ig-files.js';
import { INVALID_CASES_DIR, INVALID_EXAMPLES_DIR } from './paths.js';

/** An expected validation issue. */
export interface ExpectedIssue {
  severity: 'error' | 'warning';
  code: string;
  expression: string;
}

/** One invalid case as authored. */
export interface InvalidCase {
  id: string;
  description: string;
  base: string;
  patch: PatchOp[];
  expectedIssues: ExpectedIssue[];
}

/** A file of cases for one profile. */
export interface InvalidCaseFile {
  profile: string;
  cases: InvalidCase[];
}

/** A generated invalid example. */
export interface InvalidExample {
  id: string;
  description: string;
  profile: string;
  base: string;
  expectedIssues: ExpectedIssue[];
  resource: AnyResource;
}

/** Generates every invalid example from `resources` (the valid examples); returns them. */
export function buildInvalidExamples(resources: readonly AnyResource[], canonical: string): InvalidExample[] {
  const byRef = new Map(resources.map((r) => [`${r.resourceType}/${r.id}`, r]));
  const out: InvalidExample[] = [];
  rmSync(INVALID_EXAMPLES_DIR, { recursive: true, force: true });
  for (const file of jsonFiles(INVALID_CASES_DIR)) {
    const spec = readJson<InvalidCaseFile>(file);
    const profile = `${canonical}/StructureDefinition/${spec.profile}`;
    for (const c of spec.cases) {
      const base = byRef.get(c.base);
      if (!base) throw new Error(`${file}: case ${c.id}: no valid example ${c.base}`);
      if (!base.meta?.profile?.includes(profile))
        throw new Error(`${file}: case ${c.id}: ${c.base} does not claim ${profile}`);
      const { resourceType, id: _baseId, ...rest } = applyPatch(base, c.patch);
      const resource = { resourceType, id: c.id, ...rest } as AnyResource;
      const example: InvalidExample = {
        id: c.id,
        description: c.description,
        profile,
        base: c.base,
        expectedIssues: c.expectedIssues,
        resource,
      };
      writeJson(join(INVALID_EXAMPLES_DIR, `${c.id}.json`), example);
      out.push(example);
    }
  }
  return out;
}
