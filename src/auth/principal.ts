/**
 * Who is calling, read from a verified token's claims: the scopes, the compartment the caller
 * works in (a polyclinic, a region by KATO prefix, one patient) and the roles and
 * confidentiality labels it holds. Claim names are the gateway's own, listed in the README.
 * @module
 */
import { ALL_SCOPES, parseScopes, type ScopeGrant } from './scopes.js';

/** The part of the records a caller may see, beyond its scopes. */
export type Compartment =
  /** Every record (system scopes of a national client; the development administrator). */
  | { kind: 'all' }
  /** Patients attached to this polyclinic (Organization id) and their records. */
  | { kind: 'polyclinic'; organization: string }
  /**
   * A nurse's own caseload (`AUTH_NURSE_CASELOAD=own`): patients whose `generalPractitioner` is
   * `practitioner` or one of its PractitionerRoles, within `organization` when the token names one.
   */
  | { kind: 'caseload'; practitioner: string; organization?: string }
  /** Patients attached to polyclinics whose KATO code starts with `prefix`. */
  | { kind: 'region'; prefix: string }
  /** One patient and their records (SMART `patient/` scopes with a `patient` launch context). */
  | { kind: 'patient'; patient: string }
  /** A user token that names none of the above: it sees no patient data (fail closed). */
  | { kind: 'none' };

/** A caller whose token was verified (or the development mode's anonymous administrator). */
export interface Principal {
  /** `sub`, for the audit trail. */
  subject: string;
  /** `client_id` or `azp`, when the token names the client. */
  client?: string;
  scopes: ScopeGrant;
  compartment: Compartment;
  /** Roles (`roles` claim); `admin` may read AuditEvents. */
  roles: ReadonlySet<string>;
  /** Confidentiality codes held (`labels` claim), e.g. `R` for restricted records. */
  labels: ReadonlySet<string>;
  /** The development mode's tokenless caller. */
  anonymous?: boolean;
}

/** The development mode's local administrator (anonymous requests, the printed token). */
export const LOCAL_ADMIN_SUBJECT = 'local-admin';

/** The local administrator, as development mode treats a request without a token. */
export function anonymousAdmin(): Principal {
  return {
    subject: LOCAL_ADMIN_SUBJECT,
    scopes: ALL_SCOPES,
    compartment: { kind: 'all' },
    roles: new Set(['admin']),
    labels: new Set(['R', 'V']),
    anonymous: true,
  };
}

/** How claims become a compartment (settings of auth-config.ts). */
export interface PrincipalOptions {
  /** `AUTH_NURSE_CASELOAD=own`: a token with the `nurse` role sees only her own caseload. */
  nurseCaseload?: boolean;
}

/** The role whose compartment narrows to a caseload when {@link PrincipalOptions.nurseCaseload} is on. */
export const NURSE_ROLE = 'nurse';

/** Reads verified claims into a principal. */
export function principalOf(claims: Record<string, unknown>, options: PrincipalOptions = {}): Principal {
  const scopes = parseScopes(typeof claims.scope === 'string' ? claims.scope : '');
  const client = stringClaim(claims.client_id) ?? stringClaim(claims.azp);
  const roles = new Set(listClaim(claims.roles));
  return {
    subject: stringClaim(claims.sub) ?? 'unknown',
    ...(client ? { client } : {}),
    scopes,
    compartment: options.nurseCaseload && roles.has(NURSE_ROLE) ? caseloadOf(claims) : compartmentOf(claims, scopes),
    roles,
    labels: new Set(listClaim(claims.labels)),
  };
}

/** A nurse's caseload; a nurse token without a `practitioner` claim sees no patient (fail closed). */
function caseloadOf(claims: Record<string, unknown>): Compartment {
  const practitioner = stringClaim(claims.practitioner);
  if (!practitioner) return { kind: 'none' };
  const organization = stringClaim(claims.polyclinic);
  return { kind: 'caseload', practitioner, ...(organization ? { organization } : {}) };
}

function compartmentOf(claims: Record<string, unknown>, scopes: ScopeGrant): Compartment {
  const polyclinic = stringClaim(claims.polyclinic);
  if (polyclinic) return { kind: 'polyclinic', organization: polyclinic };
  const kato = stringClaim(claims.kato);
  if (kato && /^\d{1,12}$/.test(kato)) return { kind: 'region', prefix: kato };
  const patient = stringClaim(claims.patient);
  if (patient && scopes.contexts.has('patient')) return { kind: 'patient', patient };
  // Only a backend client with system scopes alone sees everything its scopes allow.
  const systemOnly = scopes.contexts.size > 0 && [...scopes.contexts].every((c) => c === 'system');
  return systemOnly ? { kind: 'all' } : { kind: 'none' };
}

function stringClaim(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= 256 ? value : undefined;
}

function listClaim(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
