/**
 * Destinations of the national exchange, configured by name from the environment (decision
 * 029). `EXCHANGE_DESTINATIONS` holds a JSON array; a destination's credential comes from its
 * own variable, `EXCHANGE_<NAME>_TOKEN`, so that the JSON can be logged and committed.
 * @module
 */
import { z } from 'zod';

/** A national system the gateway forwards accepted changes to. */
export interface Destination {
  /** Letters, digits and `-`/`_`; names the outbox rows and the operator API's paths. */
  name: string;
  /**
   * `fhir`: a FHIR R4 server spoken to with transaction Bundles. `json`: a non-FHIR register
   * that takes each change as the JSON record the reverse of {@link mapping} makes (decision 035).
   */
  kind: 'fhir' | 'json';
  /** The destination's FHIR base URL (`fhir`), or the URL records are POSTed to (`json`). */
  url: string;
  /** `json` only: the name of the mapping in `mappings/` whose reverse makes the record. */
  mapping?: string;
  /** Resource types it receives. */
  resourceTypes: string[];
  /** When set, only resources claiming one of these profiles (`meta.profile`) are forwarded. */
  profiles?: string[];
  /**
   * When true, `GET Patient?identifier=<IIN>` that matches nothing here asks this destination
   * (decision 035). At most one destination may say so.
   */
  iinLookup?: boolean;
  /** Bearer token sent to the destination (`EXCHANGE_<NAME>_TOKEN`). */
  bearerToken?: string;
  /** Attempts before a change that keeps failing becomes a dead letter. */
  maxAttempts: number;
  /** How long one send may take before it counts as a timeout (and is retried). */
  timeoutMs: number;
  /** First retry delay; doubles per attempt up to {@link backoffMaxMs}, with jitter. */
  backoffBaseMs: number;
  backoffMaxMs: number;
}

const DestinationSchema = z.object({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/),
  kind: z.enum(['fhir', 'json']).default('fhir'),
  mapping: z.string().min(1).optional(),
  url: z.url(),
  resourceTypes: z.array(z.string().regex(/^[A-Z][A-Za-z]+$/)).min(1),
  profiles: z.array(z.string().min(1)).min(1).optional(),
  iinLookup: z.boolean().optional(),
  maxAttempts: z.number().int().min(1).max(1000).default(10),
  timeoutMs: z.number().int().positive().default(10_000),
  backoffBaseMs: z.number().int().positive().default(1_000),
  backoffMaxMs: z
    .number()
    .int()
    .positive()
    .default(15 * 60_000),
});

/** The name of the variable that holds `name`'s bearer token. */
export function tokenVariable(name: string): string {
  return `EXCHANGE_${name.toUpperCase().replaceAll('-', '_')}_TOKEN`;
}

/**
 * The destinations of `env`; none when `EXCHANGE_DESTINATIONS` is unset. Throws with the
 * offending path when the JSON is malformed, so a misconfigured server does not start.
 */
export function parseDestinations(env: Record<string, string | undefined>): Destination[] {
  const text = env.EXCHANGE_DESTINATIONS?.trim();
  if (!text) return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('EXCHANGE_DESTINATIONS is not valid JSON');
  }
  const parsed = z.array(DestinationSchema).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`EXCHANGE_DESTINATIONS[${issue.path.join('.')}]: ${issue.message}`);
  }
  if (parsed.data.filter((d) => d.iinLookup).length > 1)
    throw new Error('EXCHANGE_DESTINATIONS: only one destination may have iinLookup');
  const names = new Set<string>();
  return parsed.data.map((entry) => {
    if (names.has(entry.name)) throw new Error(`EXCHANGE_DESTINATIONS: destination ${entry.name} is named twice`);
    names.add(entry.name);
    const token = env[tokenVariable(entry.name)];
    if (entry.kind === 'json' && !entry.mapping)
      throw new Error(`EXCHANGE_DESTINATIONS: json destination ${entry.name} names no mapping`);
    if (entry.kind === 'json' && entry.iinLookup)
      throw new Error(`EXCHANGE_DESTINATIONS: json destination ${entry.name} cannot answer IIN look-ups`);
    const { profiles, iinLookup, mapping, ...rest } = entry;
    return {
      ...rest,
      ...(profiles ? { profiles } : {}),
      ...(iinLookup ? { iinLookup } : {}),
      ...(mapping ? { mapping } : {}),
      ...(token ? { bearerToken: token } : {}),
    };
  });
}
