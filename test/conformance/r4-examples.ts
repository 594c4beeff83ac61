/**
 * Loads the official R4 examples (`hl7.fhir.r4.examples`) of the types the validator covers.
 * Shared by the conformance, mutation and benchmark suites.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Issue } from '../../src/fhir/outcome.js';
import { SUPPORTED_RESOURCE_TYPES } from '../../src/fhir/resource-types.js';
import { R4_RESOURCE_TYPES } from '../../src/generated/r4/resource-types.js';
import { validateResource } from '../../src/validation/validate-resource.js';

const require = createRequire(import.meta.url);

/** Folder of the example package. */
export const EXAMPLES_DIR = dirname(require.resolve('hl7.fhir.r4.examples/package.json'));

/** Types whose examples are validated: the supported ones and the containers the API accepts. */
export const EXAMPLE_TYPES: ReadonlySet<string> = new Set([
  ...SUPPORTED_RESOURCE_TYPES,
  'Bundle',
  'Parameters',
  'OperationOutcome',
]);

/** Every R4 resource type: `$validate` takes them all (decision 017). */
export const ALL_R4_TYPES: ReadonlySet<string> = new Set(R4_RESOURCE_TYPES);

/** One example file: its name and parsed resource. */
export interface Example {
  file: string;
  resource: fhir4.Resource;
}

/** Every example whose resourceType is in `types` ({@link EXAMPLE_TYPES} by default), sorted by file name. */
export function loadExamples(types: ReadonlySet<string> = EXAMPLE_TYPES): Example[] {
  const out: Example[] = [];
  for (const file of readdirSync(EXAMPLES_DIR).sort()) {
    if (!file.endsWith('.json') || file === 'package.json' || file.startsWith('ig-')) continue;
    const resource = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as fhir4.Resource;
    if (types.has(resource.resourceType)) out.push({ file, resource });
  }
  return out;
}

/** Reads one example by file name. */
export function readExample<T extends fhir4.Resource = fhir4.Resource>(file: string): T {
  return JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as T;
}

/**
 * Validates an official example. HL7's own R4 profiles of the served types (vitalsigns,
 * shareablecodesystem…) are compiled; a few examples claim profiles from elsewhere (SDC) or that
 * do not exist, so unknown claimed profiles are warnings here unless `unknownProfile` says
 * otherwise (the server's default is error; r4-examples.test.ts uses it for all but those few).
 */
export function validateExample(
  resource: unknown,
  options: { crossCheck?: boolean; unknownProfile?: 'error' | 'warning' } = {},
): Issue[] {
  // Every issue: the examples include Bundles with far more than the server's default 100.
  // They are examples, so extension URLs on example domains are allowed (decision 018).
  const defaults = { unknownProfile: 'warning', maxIssues: Infinity, example: true } as const;
  return validateResource(resource as fhir4.Resource, { ...defaults, ...options });
}
