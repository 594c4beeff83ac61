/**
 * The audit's name for an HTTP request: the RESTful interaction and the BALP action, read from
 * the method and the path alone (the request may have failed before anything parsed it).
 * @see https://hl7.org/fhir/R4/valueset-type-restful-interaction.html
 * @module
 */
import type { AuditFacts } from './audit-event.js';

/** The interaction and action of `method` on `path`. */
export function interactionOfRequest(method: string, path: string): Pick<AuditFacts, 'interaction' | 'action'> {
  const segments = path.split('/').filter(Boolean);
  if (segments[0] !== 'fhir') return { interaction: 'operation', action: method === 'GET' ? 'R' : 'C' };
  const rest = segments.slice(1);
  if (rest.some((s) => s.startsWith('$'))) return { interaction: 'operation', action: 'E' };
  if (rest.includes('_history')) return { interaction: rest.length === 4 ? 'vread' : 'history-instance', action: 'R' };
  if (rest.includes('_search')) return { interaction: 'search-type', action: 'E' };
  if (rest.length === 0) return { interaction: 'transaction', action: 'E' };
  const write = WRITES[method];
  if (write) return write;
  return rest.length === 1 ? { interaction: 'search-type', action: 'E' } : { interaction: 'read', action: 'R' };
}

const WRITES: Record<string, Pick<AuditFacts, 'interaction' | 'action'>> = {
  POST: { interaction: 'create', action: 'C' },
  PUT: { interaction: 'update', action: 'U' },
  PATCH: { interaction: 'patch', action: 'U' },
  DELETE: { interaction: 'delete', action: 'D' },
};
