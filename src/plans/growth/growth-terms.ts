/**
 * The guide's terms the z-score Observations use: systems, the profile, and the displays and
 * kk/ru/en designations of the growth indicators and classes, read from the guide's code systems.
 * @module
 */
import { igResources } from '../../ig/ig-resources.js';
import { bandsFromCodeSystem, WHO_GROWTH_CLASSIFICATION_SYSTEM, type ClassificationBand } from './classify.js';

export { WHO_GROWTH_CLASSIFICATION_SYSTEM };
export const GROWTH_INDICATOR_SYSTEM = 'https://fhir.patronage.kz/CodeSystem/growth-indicator';
export const PATRONAGE_CODE_SYSTEM = 'https://fhir.patronage.kz/CodeSystem/patronage-code';
export const KZ_GROWTH_ZSCORE_PROFILE = 'https://fhir.patronage.kz/StructureDefinition/kz-growth-zscore';
export const OBSERVATION_CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const OBSERVATION_INTERPRETATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

/** Languages of the guide's designations. */
export type Language = 'kk' | 'ru' | 'en';

function codeSystem(url: string): fhir4.CodeSystem {
  const found = igResources().find((r) => r.resourceType === 'CodeSystem' && r.url === url);
  if (!found) throw new Error(`the guide has no code system ${url}`);
  return found as fhir4.CodeSystem;
}

let bands: ClassificationBand[] | undefined;

/** The WHO classes with their cut-offs, from the guide. */
export function classificationBands(): readonly ClassificationBand[] {
  bands ??= bandsFromCodeSystem(codeSystem(WHO_GROWTH_CLASSIFICATION_SYSTEM));
  return bands;
}

/** The display of `code` in the code system `system`, in `language` when it has a designation. */
export function termDisplay(system: string, code: string, language: Language = 'en'): string {
  const concept = codeSystem(system).concept?.find((c) => c.code === code);
  if (!concept) return code;
  const designation = concept.designation?.find((d) => d.language === language)?.value;
  return designation ?? concept.display ?? code;
}
