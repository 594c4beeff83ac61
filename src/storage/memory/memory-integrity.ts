/**
 * The memory store's state as the integrity checks read it (src/storage/integrity.ts): scans of
 * the index rows of current resources, which is what the SQL adapters' indexes answer.
 * @module
 */
import { IDENTIFIER_CODE, NON_HOLDING_REFERRER, isRelativeReferenceUrl, type IntegrityState } from '../integrity.js';
import type { MemoryIndex } from './memory-search.js';

/** An {@link IntegrityState} over the memory store's maps (index rows exist only for live resources). */
export function memoryIntegrityState(state: MemoryIndex): IntegrityState {
  return {
    isLive(target) {
      const version = state.current.get(`${target.resourceType}/${target.id}`);
      return version !== undefined && !version.deleted;
    },
    referrersOf(target, limit) {
      const found: { resourceType: string; id: string }[] = [];
      for (const [key, rows] of state.index) {
        if (found.length >= limit) break;
        if (key.startsWith(`${NON_HOLDING_REFERRER}/`)) continue;
        const refers = rows.reference.some(
          (r) => r.targetType === target.resourceType && r.targetId === target.id && isRelativeReferenceUrl(r.url),
        );
        if (refers) found.push(splitKey(key));
      }
      return found;
    },
    holdersOf(guard, limit) {
      const ids: string[] = [];
      for (const [key, rows] of state.index) {
        if (ids.length >= limit) break;
        const { resourceType, id } = splitKey(key);
        if (resourceType !== guard.resourceType) continue;
        const holds = rows.token.some(
          (r) => r.code === IDENTIFIER_CODE && r.system === guard.system && r.value === guard.value,
        );
        if (holds) ids.push(id);
      }
      return ids;
    },
  };
}

function splitKey(key: string): { resourceType: string; id: string } {
  const slash = key.indexOf('/');
  return { resourceType: key.slice(0, slash), id: key.slice(slash + 1) };
}
