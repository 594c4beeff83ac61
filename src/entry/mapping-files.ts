/**
 * The files of `mappings/` read from disk with their text (so that a broken one is reported by
 * line), for the Node entry and the CLI.
 * @module
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MappingSource } from '../mapping/load-mappings.js';

/** The repository's `mappings/` folder. */
export const MAPPINGS_DIR = fileURLToPath(new URL('../../mappings', import.meta.url));

/** The JSON files of `dir`, sorted by name. */
export function readMappingSources(dir = MAPPINGS_DIR): MappingSource[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ file: `mappings/${name}`, text: readFileSync(`${dir}/${name}`, 'utf8') }));
}
