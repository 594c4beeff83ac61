/**
 * Hand-compiled versions of the base R4 invariants that apply to almost every resource
 * (dom-2…dom-6, ext-1, ref-1, per-1), a few on the resources the ingest writes on every record
 * (obs-6, obs-7, vs-1, vs-2, qty-3, bdl-11, bdl-12, org-1, ras-2), and the guide's identifier
 * checks (kz-identifiers.ts). fhirpath.js takes 2–40 µs per evaluation, and these run on
 * every resource, extension, reference and period, so they are worth a direct form. Each returns
 * true (holds), false (violated) or undefined (not decided here: fall back to the FHIRPath).
 * test/conformance/r4-invariants.test.ts compares each with fhirpath.js over the official examples.
 * @see https://hl7.org/fhir/R4/domainresource.html#invs
 * @see https://hl7.org/fhir/R4/extensibility.html#ext-1
 * @see https://hl7.org/fhir/R4/references.html#invs
 * @see https://hl7.org/fhir/R4/datatypes.html#Period
 * @module
 */

import { epdsItemsHold } from './kz-epds.js';
import {
  hasIinOrProvisionalIdentifier,
  iinAgreesWithBirthDate,
  iinAgreesWithGender,
  isValidBin,
  isValidIin,
  isValidKato,
  isValidProvisionalNewborn,
} from './kz-identifiers.js';

type Json = Record<string, unknown>;

/** Variables an invariant may read: `%resource` and `%rootResource`. */
export interface InvariantEnv {
  resource: unknown;
  rootResource: unknown;
}

/** A directly evaluated invariant. */
export type NativeInvariant = (value: unknown, env: InvariantEnv) => boolean | undefined;

function contained(value: unknown): Json[] {
  const list = (value as Json).contained;
  return Array.isArray(list) ? (list.filter((c) => typeof c === 'object' && c !== null) as Json[]) : [];
}

function meta(resource: Json): Json {
  return typeof resource.meta === 'object' && resource.meta !== null ? (resource.meta as Json) : {};
}

/** True when some string anywhere under `value` equals `target`. */
function hasStringLeaf(value: unknown, target: string): boolean {
  if (typeof value === 'string') return value === target;
  if (Array.isArray(value)) return value.some((v) => hasStringLeaf(v, target));
  if (typeof value === 'object' && value !== null) return Object.values(value).some((v) => hasStringLeaf(v, target));
  return false;
}

/** dom-3: a contained resource is referenced from the resource, or references the container. */
function dom3(value: unknown): boolean | undefined {
  for (const c of contained(value)) {
    if (typeof c.id !== 'string') continue;
    if (!hasStringLeaf(value, `#${c.id}`) && !hasStringLeaf(c, '#')) return false;
  }
  return true;
}

/** ref-1: a local reference `#id` names a contained resource of the root resource. */
function ref1(value: unknown, env: InvariantEnv): boolean {
  const reference = (value as Json).reference;
  if (typeof reference !== 'string' || !reference.startsWith('#')) return true;
  return contained(env.rootResource).some((c) => c.id === reference.slice(1));
}

const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** per-1: start ≤ end; decided here only for two full zoned dateTimes or two dates of one precision. */
function per1(value: unknown): boolean | undefined {
  const { start, end } = value as Json;
  if (typeof start !== 'string' || typeof end !== 'string') return true;
  if (ZONED.test(start) && ZONED.test(end)) return Date.parse(start) <= Date.parse(end);
  if (start.length === end.length && start.length <= 10) return start <= end;
  return undefined;
}

function hasValueX(value: Json): boolean {
  for (const key in value) if (key.startsWith('value') || key.startsWith('_value')) return true;
  return false;
}

/**
 * Whether `value[x]` is present: `'value'` with a value, `'none'` without one, and `'extension'`
 * when only a `_valueX` sibling is there (left to FHIRPath: whether that counts as present is
 * the engine's reading of the primitive, not ours to guess).
 */
function valueXOf(value: Json): 'value' | 'none' | 'extension' {
  let found: 'none' | 'extension' = 'none';
  for (const key in value) {
    if (key.startsWith('value') && key.length > 5) return 'value';
    if (key.startsWith('_value') && key.length > 6) found = 'extension';
  }
  return found;
}

/** obs-6: `dataAbsentReason` only without a value. */
function obs6(value: unknown): boolean | undefined {
  const observation = value as Json;
  if (observation.dataAbsentReason === undefined) return true;
  const present = valueXOf(observation);
  return present === 'extension' ? undefined : present === 'none';
}

/**
 * obs-7: no value when a component has the Observation's own code. Decided here when no
 * component coding has the system and code of one of the Observation's codings (`intersect`
 * compares whole Codings, so any such pair is left to FHIRPath), or when there is no value.
 */
function obs7(value: unknown, env: InvariantEnv): boolean | undefined {
  const observation = value as Json;
  const present = valueXOf(observation);
  if (present === 'none') return true;
  if (present === 'extension' || env.resource !== value) return undefined;
  const own = codingsOf(observation.code);
  if (own === undefined) return undefined;
  const components = observation.component;
  if (components === undefined) return true;
  if (!Array.isArray(components)) return undefined;
  for (const component of components) {
    const codings = codingsOf((component as Json | null)?.code);
    if (codings === undefined) return undefined;
    if (codings.some((c) => own.some((o) => o.system === c.system && o.code === c.code))) return undefined;
  }
  return true;
}

/** The codings of a CodeableConcept, `[]` without any; undefined for shapes the base pass rejects. */
function codingsOf(concept: unknown): Json[] | undefined {
  if (concept === undefined) return [];
  if (typeof concept !== 'object' || concept === null) return undefined;
  const coding = (concept as Json).coding;
  if (coding === undefined) return [];
  if (!Array.isArray(coding) || coding.some((c) => typeof c !== 'object' || c === null)) return undefined;
  return coding as Json[];
}

/** vs-2 (vital signs): without components or members, a value or a data-absent reason. */
function vs2(value: unknown): boolean | undefined {
  const observation = value as Json;
  const hasItems = (key: string) => Array.isArray(observation[key]) && (observation[key] as unknown[]).length > 0;
  if (hasItems('component') || hasItems('hasMember')) return true;
  if (observation.dataAbsentReason !== undefined) return true;
  const present = valueXOf(observation);
  return present === 'extension' ? undefined : present === 'value';
}

/**
 * vs-1 (vital signs), on `effective[x]`: a dateTime is precise to the day (`YYYY-MM-DD` at
 * least). A Period or Timing is not a dateTime (`as dateTime` is empty), so it holds.
 */
function vs1(value: unknown): boolean | undefined {
  if (typeof value === 'string') return value.length >= 8;
  return typeof value === 'object' && value !== null ? true : undefined;
}

/** qty-3: a unit code comes with its system; a `_code`/`_system` sibling is left to FHIRPath. */
function qty3(value: unknown): boolean | undefined {
  const quantity = value as Json;
  if (quantity._code !== undefined || quantity._system !== undefined) return undefined;
  return quantity.code === undefined || quantity.system !== undefined;
}

/** `type = 'T' implies entry.first().resource.is(R)` (bdl-11, bdl-12): decided here only for other types. */
function firstEntryOfType(type: string): NativeInvariant {
  return (v) => {
    const bundleType = (v as Json).type;
    return typeof bundleType === 'string' && bundleType !== type ? true : undefined;
  };
}

/** org-1, `(identifier.count() + name.count()) > 0`: decided when both are absent or one is plainly there. */
function org1(v: unknown): boolean | undefined {
  const { identifier, name } = v as Json;
  if ((Array.isArray(identifier) && identifier.length > 0) || typeof name === 'string') return true;
  return identifier === undefined && name === undefined ? false : undefined;
}

/** ras-2 on `RiskAssessment.prediction`: a decimal probability is at most 100. */
function ras2(v: unknown): boolean | undefined {
  const { probabilityDecimal } = v as Json;
  if (probabilityDecimal === undefined) return true;
  return typeof probabilityDecimal === 'number' ? probabilityDecimal <= 100 : undefined;
}

/** Invariants evaluated directly rather than through fhirpath.js, by key. */
export const NATIVE_INVARIANTS: Readonly<Record<string, NativeInvariant>> = {
  'dom-2': (v) => contained(v).every((c) => c.contained === undefined),
  'dom-3': dom3,
  'dom-4': (v) => contained(v).every((c) => meta(c).versionId === undefined && meta(c).lastUpdated === undefined),
  'dom-5': (v) => contained(v).every((c) => meta(c).security === undefined),
  'dom-6': (v) => {
    const text = (v as Json).text;
    return typeof text === 'object' && text !== null && (text as Json).div !== undefined;
  },
  'ext-1': (v) => Array.isArray((v as Json).extension) !== hasValueX(v as Json),
  'ref-1': ref1,
  'per-1': per1,
  'obs-6': obs6,
  'obs-7': obs7,
  'vs-1': vs1,
  'vs-2': vs2,
  'qty-3': qty3,
  // Every transaction Bundle and the ingest's records pass these (decision 046).
  'bdl-11': firstEntryOfType('document'),
  'bdl-12': firstEntryOfType('message'),
  'org-1': org1,
  'ras-2': ras2,
  // The guide's identifier invariants, on Identifier.value; a non-string value is the base pass's error.
  'kz-iin-1': (v) => typeof v !== 'string' || isValidIin(v),
  'kz-bin-1': (v) => typeof v !== 'string' || isValidBin(v),
  'kz-prov-1': (v) => typeof v !== 'string' || isValidProvisionalNewborn(v),
  // On the KATO extension: its valueCoding.code.
  'kz-kato-1': (v) => {
    const code = ((v as Json).valueCoding as Json | undefined)?.code;
    return typeof code !== 'string' || isValidKato(code);
  },
  // On the resource: the IIN's date and birthDate (kz-iin-3 a warning, kz-pat-2 the Patient's error).
  'kz-iin-3': iinAgreesWithBirthDate,
  'kz-pat-2': iinAgreesWithBirthDate,
  'kz-iin-2': iinAgreesWithGender,
  'kz-pat-1': hasIinOrProvisionalIdentifier,
  'kz-epds-1': epdsItemsHold,
};
