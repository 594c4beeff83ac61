/**
 * `npm run ig:pack`: writes the guide as a FHIR NPM package that other FHIR tools (IG Publisher,
 * SUSHI, HAPI, the Java validator) can load: package/package.json, package/.index.json and one
 * file per definitional resource, the valid examples under package/example/, and the tarball
 * dist/<name>-<version>.tgz (deterministic: sorted entries, fixed mtime and owner).
 * Run `npm run ig:build` first; this script only reads its output.
 * @see https://confluence.hl7.org/display/FHIR/NPM+Package+Specification
 * @module
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDefinition, readGeneratedResources, writeJson, type AnyResource } from './ig-files.js';
import { PACKAGE_DIR, PROFILES_DIR, ROOT } from './paths.js';

function config(key: string): string {
  const text = readFileSync(join(PROFILES_DIR, 'sushi-config.yaml'), 'utf8');
  const match = new RegExp(`^${key}:\\s*(.+?)\\s*$`, 'm').exec(text);
  if (!match) throw new Error(`sushi-config.yaml has no ${key}`);
  return match[1]!;
}

function indexEntry(filename: string, r: AnyResource): Record<string, string> {
  const entry: Record<string, string> = { filename, resourceType: r.resourceType, id: r.id };
  for (const key of ['url', 'version', 'kind', 'type'] as const) {
    const value = r[key];
    if (typeof value === 'string') entry[key] = value;
  }
  return entry;
}

function writeFolder(dir: string, resources: readonly AnyResource[]): void {
  mkdirSync(dir, { recursive: true });
  const files = resources.map((r) => ({ filename: `${r.resourceType}-${r.id}.json`, r }));
  files.sort((a, b) => a.filename.localeCompare(b.filename));
  for (const { filename, r } of files) writeJson(join(dir, filename), r);
  writeJson(join(dir, '.index.json'), {
    'index-version': 1,
    files: files.map(({ filename, r }) => indexEntry(filename, r)),
  });
}

/** Writes the package folder under `packageDir` (replacing it); returns its name and version. */
export function writePackage(packageDir: string): { name: string; version: string } {
  const resources = readGeneratedResources();
  const name = config('id');
  const version = config('version');
  rmSync(packageDir, { recursive: true, force: true });
  writeFolder(packageDir, resources.filter(isDefinition));
  writeFolder(
    join(packageDir, 'example'),
    resources.filter((r) => !isDefinition(r)),
  );
  writeJson(join(packageDir, 'package.json'), {
    name,
    version,
    canonical: config('canonical'),
    url: config('canonical'),
    title: config('title'),
    description: config('description'),
    fhirVersions: ['4.0.1'],
    type: 'fhir.ig',
    jurisdiction: 'urn:iso:std:iso:3166#KZ',
    dependencies: { 'hl7.fhir.r4.core': '4.0.1' },
    author: 'Patronage FHIR gateway team',
  });
  return { name, version };
}

function main(): void {
  const { name, version } = writePackage(PACKAGE_DIR);
  const tarball = join(ROOT, 'dist', `${name}-${version}.tgz`);
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const tar = spawnSync(
    'sh',
    ['-c', `tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - package | gzip -n > "${tarball}"`],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr}`);
  console.log(`FHIR package ${name}#${version}: ${PACKAGE_DIR} and ${tarball}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
