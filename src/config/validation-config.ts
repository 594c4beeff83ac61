/**
 * Validation settings from the environment: profiles required per resource type and what to do
 * with a claimed profile the server does not know.
 * `FHIR_REQUIRED_PROFILES="Patient=https://…/kz-patient Encounter=https://…/kz-patronage-encounter"`
 * (space- or comma-separated `Type=URL` pairs); `FHIR_UNKNOWN_PROFILE=error|warning|ignore`;
 * `FHIR_MAX_ISSUES`, the most issues listed per resource; `FHIR_UNKNOWN_EXTENSION=error|warning|ignore`,
 * what an extension nobody defines gives (unset: error on `$validate`, warning on writes;
 * decision 018).
 * @see https://hl7.org/fhir/R4/validation.html#profile
 * @module
 */
import { z } from 'zod';

/** Typed validation settings. */
export interface ValidationConfig {
  requiredProfiles: Record<string, string[]>;
  unknownProfile: 'error' | 'warning' | 'ignore';
  /**
   * What an extension whose URL neither R4 core nor the guide defines gives (`FHIR_UNKNOWN_EXTENSION`);
   * undefined: each path's default (error on `$validate`, warning on writes).
   */
  unknownExtension?: 'error' | 'warning' | 'ignore' | undefined;
  /** Issues listed per validated resource before the rest are summed up in one (`FHIR_MAX_ISSUES`). */
  maxIssues: number;
}

const PAIR = /^([A-Z][A-Za-z]+)=(\S+)$/;

const Schema = z.object({
  FHIR_REQUIRED_PROFILES: z.string().default(''),
  FHIR_UNKNOWN_PROFILE: z.enum(['error', 'warning', 'ignore']).default('error'),
  FHIR_UNKNOWN_EXTENSION: z.enum(['error', 'warning', 'ignore']).optional(),
  FHIR_MAX_ISSUES: z.coerce.number().int().min(1).max(100_000).default(100),
});

/** Parses `env`; throws a readable error on a malformed setting. */
export function parseValidationConfig(env: Record<string, string | undefined>): ValidationConfig {
  const result = Schema.safeParse(env);
  if (!result.success)
    throw new Error(
      `Invalid configuration: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const requiredProfiles: Record<string, string[]> = {};
  for (const pair of result.data.FHIR_REQUIRED_PROFILES.split(/[\s,]+/).filter(Boolean)) {
    const m = PAIR.exec(pair);
    if (!m) throw new Error(`Invalid configuration: FHIR_REQUIRED_PROFILES entry '${pair}' is not Type=URL`);
    (requiredProfiles[m[1]!] ??= []).push(m[2]!);
  }
  return {
    requiredProfiles,
    unknownProfile: result.data.FHIR_UNKNOWN_PROFILE,
    unknownExtension: result.data.FHIR_UNKNOWN_EXTENSION,
    maxIssues: result.data.FHIR_MAX_ISSUES,
  };
}
