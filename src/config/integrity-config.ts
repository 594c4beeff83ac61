/**
 * Integrity settings from the environment (decision 013).
 * `FHIR_REFERENTIAL_INTEGRITY=on|off|write-only|delete-only` (HAPI's convention of separate
 * on-write and on-delete checks: a bulk load whose records arrive out of order turns the write
 * check off). `FHIR_UNIQUE_IDENTIFIERS="Patient=https://…/sid/iin,Organization=https://…/sid/bin"`
 * (space- or comma-separated `Type=system` pairs; `none` declares none unique).
 * @see https://hl7.org/fhir/R4/references.html
 * @module
 */
import { BIN_SYSTEM, IIN_SYSTEM } from '../fhir/canonical.js';
import { isSupportedResourceType } from '../fhir/resource-types.js';
import type { IntegritySettings } from '../rest/integrity/integrity-guards.js';

/** The values of `FHIR_REFERENTIAL_INTEGRITY`: which of the two reference checks apply. */
const MODES = {
  on: { referencesOnWrite: true, referencesOnDelete: true },
  off: { referencesOnWrite: false, referencesOnDelete: false },
  'write-only': { referencesOnWrite: true, referencesOnDelete: false },
  'delete-only': { referencesOnWrite: false, referencesOnDelete: true },
} as const;

/** The IIN is unique per Patient and the BIN per Organization unless configured otherwise. */
export const DEFAULT_UNIQUE_IDENTIFIERS = `Patient=${IIN_SYSTEM},Organization=${BIN_SYSTEM}`;

const PAIR = /^([A-Z][A-Za-z]+)=(\S+)$/;

/** Parses `env`; throws a readable error on a malformed setting. */
export function parseIntegrityConfig(env: Record<string, string | undefined>): IntegritySettings {
  const mode = (env.FHIR_REFERENTIAL_INTEGRITY ?? 'on').trim();
  if (!Object.hasOwn(MODES, mode)) {
    throw new Error(
      `Invalid configuration: FHIR_REFERENTIAL_INTEGRITY must be one of ${Object.keys(MODES).join(', ')}, not '${mode}'`,
    );
  }
  return {
    ...MODES[mode as keyof typeof MODES],
    uniqueIdentifiers: parseUniqueIdentifiers(env.FHIR_UNIQUE_IDENTIFIERS ?? DEFAULT_UNIQUE_IDENTIFIERS),
  };
}

function parseUniqueIdentifiers(setting: string): Map<string, Set<string>> {
  const systems = new Map<string, Set<string>>();
  if (setting.trim() === 'none') return systems;
  for (const pair of setting.split(/[\s,]+/).filter(Boolean)) {
    const m = PAIR.exec(pair);
    if (!m) throw new Error(`Invalid configuration: FHIR_UNIQUE_IDENTIFIERS entry '${pair}' is not Type=system`);
    if (!isSupportedResourceType(m[1]!)) {
      throw new Error(`Invalid configuration: FHIR_UNIQUE_IDENTIFIERS names '${m[1]}', not a type this server holds`);
    }
    let set = systems.get(m[1]!);
    if (!set) systems.set(m[1]!, (set = new Set()));
    set.add(m[2]!);
  }
  return systems;
}
