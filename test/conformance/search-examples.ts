/**
 * The official R4 examples (hl7.fhir.r4.examples) of the types the patronage gateway stores,
 * imported through Vite's import.meta.glob so that the same corpus loads in Node and in workerd.
 */
/// <reference types="vite/client" />

const modules = import.meta.glob<fhir4.Resource>(
  '../../node_modules/hl7.fhir.r4.examples/{Patient,Observation,Encounter,Practitioner,Organization,Condition,Immunization,CarePlan,RelatedPerson,Location,EpisodeOfCare,Questionnaire,QuestionnaireResponse,Flag,RiskAssessment,PractitionerRole,Task,ServiceRequest,Communication,Consent,Procedure,Goal}-*.json',
  { eager: true, import: 'default' },
);

/** The examples, sorted by file name, with the ids they carry. */
export const R4_SEARCH_EXAMPLES: fhir4.Resource[] = Object.keys(modules)
  .sort()
  .map((path) => modules[path]!)
  .filter((r) => typeof r.id === 'string' && /^[A-Za-z0-9\-.]{1,64}$/.test(r.id));
