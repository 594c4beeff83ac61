/**
 * Small StructureDefinition fixtures for the profile compiler (scripts/profile-model/), compiled
 * in the test, and a validator over the compiled nodes.
 */
import { compileProfile } from '../../scripts/profile-model/compile-profile.js';
import { ProfileConstraints } from '../../scripts/profile-model/profile-extras.js';
import type { Issue } from '../../src/fhir/outcome.js';
import { R4_PRIMITIVES } from '../../src/generated/r4/primitives.js';
import type { CompactNode } from '../../src/validation/model/compiled-model.js';
import { linkModel } from '../../src/validation/model/link-model.js';
import { walkProfileNode } from '../../src/validation/profile/walk-profile.js';
import { createWalkContext } from '../../src/validation/walk-context.js';

/** A snapshot element with base cardinality 0..*, the path derived from the id. */
export function el(id: string, extra: Partial<fhir4.ElementDefinition> = {}): fhir4.ElementDefinition {
  const path = id.replace(/:[^.]*/g, '');
  return { id, path, min: 0, max: '*', base: { path, min: 0, max: '*' }, ...extra };
}

/** A single-valued snapshot element (base 0..1). */
export function one(id: string, extra: Partial<fhir4.ElementDefinition> = {}): fhir4.ElementDefinition {
  const path = id.replace(/:[^.]*/g, '');
  return { id, path, min: 0, max: '1', base: { path, min: 0, max: '1' }, ...extra };
}

/** A Patient profile at `url` with `elements` after the root. */
export function patientProfile(url: string, elements: fhir4.ElementDefinition[]): fhir4.StructureDefinition {
  return {
    resourceType: 'StructureDefinition',
    url,
    name: 'Test',
    status: 'draft',
    abstract: false,
    type: 'Patient',
    kind: 'resource',
    derivation: 'constraint',
    snapshot: { element: [el('Patient'), ...elements] },
  };
}

/** Compiles `sd` with an empty context (no base invariants, no base bindings). */
export function compile(sd: fhir4.StructureDefinition): Map<string, CompactNode> {
  return compileProfile(sd, {
    registry: new ProfileConstraints({}),
    baseBinding: () => undefined,
    valueSets: new Set(),
  });
}

/** Walks `resource` against the compiled profile `sd` (the profile pass only); returns its issues. */
export function validateAgainst(sd: fhir4.StructureDefinition, resource: Record<string, unknown>): Issue[] {
  const model = linkModel({
    nodes: Object.fromEntries(compile(sd)),
    primitives: R4_PRIMITIVES,
    resourceTypes: [sd.type],
  });
  const ctx = createWalkContext(model);
  walkProfileNode(ctx, model.nodes.get(sd.url)!, resource, sd.type);
  return ctx.issues;
}
