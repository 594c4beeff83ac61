/**
 * Reading and writing the guide's JSON files deterministically: sorted file lists, two-space
 * indentation, a final newline.
 * @module
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEFINITION_TYPES, GENERATED_RESOURCES_DIR } from './paths.js';

/** Any FHIR resource, loosely typed for build scripts. */
export interface AnyResource {
  resourceType: string;
  id: string;
  url?: string;
  name?: string;
  title?: string;
  version?: string;
  meta?: { profile?: string[] };
  [key: string]: unknown;
}

/** Reads a JSON file. */
export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** Writes `value` as two-space JSON with a final newline, creating folders. */
export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** The `.json` files of `dir`, sorted by name. */
export function jsonFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

/** Every resource SUSHI generated, sorted by file name. */
export function readGeneratedResources(): AnyResource[] {
  return jsonFiles(GENERATED_RESOURCES_DIR).map((f) => readJson<AnyResource>(f));
}

/** True for the guide's definitional resources (profiles, terminology, questionnaire). */
export function isDefinition(resource: AnyResource): boolean {
  return DEFINITION_TYPES.includes(resource.resourceType) && typeof resource.url === 'string';
}
