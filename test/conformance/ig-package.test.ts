// The FHIR NPM package of `npm run ig:pack`: package.json names the guide and its core
// dependency, .index.json lists exactly the files of each folder with their url/version, and every
// definitional resource sits at the top level, every example under example/.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePackage } from '../../scripts/ig/pack.js';

interface IndexFile {
  'index-version': number;
  files: { filename: string; resourceType: string; id: string; url?: string; version?: string }[];
}

const dir = join(mkdtempSync(join(tmpdir(), 'ig-pack-')), 'package');
const written = writePackage(dir);
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

function checkFolder(folder: string): IndexFile['files'] {
  const index = json(join(folder, '.index.json')) as unknown as IndexFile;
  const files = readdirSync(folder).filter((f) => f.endsWith('.json') && f !== 'package.json' && !f.startsWith('.'));
  expect(index.files.map((f) => f.filename).sort()).toEqual(files.sort());
  for (const entry of index.files) {
    const resource = json(join(folder, entry.filename));
    expect(resource.resourceType, entry.filename).toBe(entry.resourceType);
    expect(resource.id, entry.filename).toBe(entry.id);
    expect(entry.filename).toBe(`${entry.resourceType}-${entry.id}.json`);
    if (entry.url !== undefined) expect(resource.url, entry.filename).toBe(entry.url);
  }
  return index.files;
}

describe('FHIR package', () => {
  it('has a package.json for kz.patronage on hl7.fhir.r4.core 4.0.1', () => {
    const pkg = json(join(dir, 'package.json'));
    expect(written).toEqual({ name: 'kz.patronage', version: '0.1.0' });
    expect(pkg).toMatchObject({ name: 'kz.patronage', version: '0.1.0', fhirVersions: ['4.0.1'] });
    expect(pkg.dependencies).toEqual({ 'hl7.fhir.r4.core': '4.0.1' });
    expect(pkg.canonical).toBe('https://fhir.patronage.kz');
  });

  it('indexes the definitions at the top level, each with a canonical url and version', () => {
    const files = checkFolder(dir);
    expect(files.filter((f) => f.resourceType === 'StructureDefinition').length).toBe(47);
    for (const f of files) {
      expect(f.url, f.filename).toMatch(/^https:\/\/fhir\.patronage\.kz\//);
      expect(f.version, f.filename).toBe('0.1.0');
    }
  });

  it('indexes the valid examples under example/, none of them definitions', () => {
    const files = checkFolder(join(dir, 'example'));
    expect(files.length).toBeGreaterThanOrEqual(44);
    expect(files.filter((f) => f.url !== undefined)).toEqual([]);
  });
});
