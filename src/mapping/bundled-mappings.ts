/**
 * The files of `mappings/` bundled into the code, for the Workers entry (no file system there).
 * The text is the parsed JSON printed again, so a line in a problem refers to that print, not to
 * the file; the Node entry reads the files themselves. A new mapping file is one import here.
 * @module
 */
import visitFormat from '../../mappings/visit.format.json' with { type: 'json' };
import visitToFhir from '../../mappings/visit-to-fhir.map.json' with { type: 'json' };
import type { MappingSource } from './load-mappings.js';

/** The bundled mapping files. */
export function bundledMappingSources(): MappingSource[] {
  return [
    { file: 'mappings/visit.format.json', text: JSON.stringify(visitFormat, null, 2) },
    { file: 'mappings/visit-to-fhir.map.json', text: JSON.stringify(visitToFhir, null, 2) },
  ];
}
