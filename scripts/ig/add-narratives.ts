/**
 * Gives every definitional resource SUSHI wrote without a narrative a short generated one (title
 * and description), as the IG Publisher would, so the served definitions carry text (dom-6).
 * Rewrites the files in profiles/fsh-generated/resources in place; deterministic.
 * @see https://hl7.org/fhir/R4/narrative.html
 * @module
 */
import { join } from 'node:path';
import { isDefinition, jsonFiles, readJson, writeJson, type AnyResource } from './ig-files.js';
import { GENERATED_RESOURCES_DIR } from './paths.js';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function narrative(r: AnyResource): { status: 'generated'; div: string } {
  const title = escapeXml(String(r.title ?? r.name ?? r.id));
  const description = typeof r.description === 'string' ? `<p>${escapeXml(r.description)}</p>` : '';
  return {
    status: 'generated',
    div: `<div xmlns="http://www.w3.org/1999/xhtml"><p><b>${title}</b> (${escapeXml(r.url ?? '')})</p>${description}</div>`,
  };
}

/** Adds narratives where missing; returns how many files changed. */
export function addNarratives(dir: string = GENERATED_RESOURCES_DIR): number {
  let changed = 0;
  for (const file of jsonFiles(dir)) {
    const r = readJson<AnyResource>(file);
    if (!isDefinition(r) || r.text !== undefined) continue;
    const { resourceType, id, ...rest } = r;
    writeJson(join(file), { resourceType, id, text: narrative(r), ...rest });
    changed++;
  }
  return changed;
}
