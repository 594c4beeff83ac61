/**
 * The opaque `_cursor` of next/previous links: the keyset position, base64url JSON. A cursor
 * names the sort values of a row, not an offset, so pages stay stable while others write.
 * @module
 */
import { badRequest } from '../fhir/outcome.js';
import type { PageCursor } from './search-request.js';

/** Encodes a cursor for a link. */
export function encodeCursor(cursor: PageCursor): string {
  const json = JSON.stringify([cursor.direction === 'after' ? 'a' : 'b', ...cursor.keys]);
  const bytes = new TextEncoder().encode(json);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes `_cursor`; a value this server did not write is a 400. */
export function decodeCursor(text: string, keyCount: number): PageCursor {
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    const parsed = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    if (Array.isArray(parsed) && (parsed[0] === 'a' || parsed[0] === 'b') && parsed.length === keyCount + 1) {
      const keys = parsed.slice(1);
      if (keys.every((k) => typeof k === 'string' || typeof k === 'number')) {
        return { direction: parsed[0] === 'a' ? 'after' : 'before', keys: keys as (string | number)[] };
      }
    }
  } catch {
    // fall through to the error below
  }
  throw badRequest(
    '_cursor is not a page position from this search (repeat the search from its first page)',
    '_cursor',
  );
}
