/**
 * `npm run ig:build`: regenerates the implementation guide from its sources, offline and
 * deterministically. Steps: write the identifier invariants' FSH (identifier-invariants.ts), materialise hl7.fhir.r4.core into .fhir-home, run SUSHI with
 * snapshots, add narratives to the definitions, derive the invalid examples, write the gateway's JSON module and the Markdown pages.
 * Running it twice changes nothing.
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addNarratives } from './add-narratives.js';
import { generateDocs } from './generate-docs.js';
import { generateModule } from './generate-module.js';
import { writeIdentifierInvariants } from './identifier-invariants.js';
import { buildInvalidExamples } from './invalid-examples.js';
import { readGeneratedResources } from './ig-files.js';
import { PROFILES_DIR } from './paths.js';
import { runSushi } from './run-sushi.js';

function canonicalBase(): string {
  const config = readFileSync(join(PROFILES_DIR, 'sushi-config.yaml'), 'utf8');
  const match = /^canonical:\s*(\S+)\s*$/m.exec(config);
  if (!match) throw new Error('sushi-config.yaml has no canonical');
  return match[1]!;
}

function main(): void {
  writeIdentifierInvariants();
  runSushi();
  addNarratives();
  const resources = readGeneratedResources();
  const canonical = canonicalBase();
  const invalid = buildInvalidExamples(resources, canonical);
  const moduleInfo = generateModule(resources);
  const pages = generateDocs(resources, invalid);
  console.log(
    `IG built: ${resources.length} resources (${moduleInfo.count} served, module ${moduleInfo.bytes} bytes), ` +
      `${invalid.length} invalid examples, ${pages} pages`,
  );
}

main();
