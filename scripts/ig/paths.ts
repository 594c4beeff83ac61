/**
 * Folders and files of the implementation-guide build, relative to the repository root.
 * @module
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** Repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** SUSHI project (sushi-config.yaml, input/fsh). */
export const PROFILES_DIR = join(ROOT, 'profiles');
/** SUSHI output: one JSON file per resource, snapshots included. */
export const GENERATED_RESOURCES_DIR = join(PROFILES_DIR, 'fsh-generated', 'resources');
/** Sources of the invalid examples: a valid example, a patch and the issues it must raise. */
export const INVALID_CASES_DIR = join(PROFILES_DIR, 'invalid-cases');
/** Generated invalid examples, one file each: resource plus expected issues. */
export const INVALID_EXAMPLES_DIR = join(PROFILES_DIR, 'examples-invalid');
/** Project-local FHIR home (gitignored) holding the materialised core package. */
export const FHIR_HOME = join(ROOT, '.fhir-home');
/** Generated module the gateway imports (Workers-safe: a JSON string, no fs). */
export const MODULE_JSON = join(ROOT, 'src', 'ig', 'generated', 'ig-resources.ts');
/** Generated human-readable pages. */
export const DOCS_DIR = join(ROOT, 'docs', 'ig');
/** Output of `npm run ig:pack`. */
export const PACKAGE_DIR = join(ROOT, 'package');
/** Resource types that are the guide's definitions (served read-only, packed at the top level). */
export const DEFINITION_TYPES: readonly string[] = [
  'StructureDefinition',
  'CodeSystem',
  'ValueSet',
  'ConceptMap',
  'Questionnaire',
];
