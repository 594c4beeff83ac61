/**
 * The implementation guide's canonical base and the identifier systems built on it. No official
 * Kazakh URIs or OIDs for IIN, BIN or KATO were found (docs/domain.md §3.4, open item 4), so
 * these are local canonicals, chosen once here and in profiles/sushi-config.yaml.
 * @see https://hl7.org/fhir/R4/references.html#canonical
 * @module
 */

/** Canonical base of every profile, code system and value set of the guide. */
export const CANONICAL_BASE = 'https://fhir.patronage.kz';

/** Individual identification number (ИИН / ЖСН), 12 digits. */
export const IIN_SYSTEM = `${CANONICAL_BASE}/sid/iin`;

/** Business identification number (БИН), 12 digits. */
export const BIN_SYSTEM = `${CANONICAL_BASE}/sid/bin`;

/** Classifier of administrative-territorial objects (КАТО), 9 digits. */
export const KATO_SYSTEM = `${CANONICAL_BASE}/sid/kato`;

/**
 * Provisional identifier of a newborn seen before the IIN is issued: the mother's IIN, a hyphen
 * and the birth order (`911018407554-1`); replaced by the IIN once issued. Invariant kz-prov-1.
 */
export const PROVISIONAL_NEWBORN_SYSTEM = `${CANONICAL_BASE}/sid/provisional-newborn`;
