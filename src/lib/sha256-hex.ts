/**
 * SHA-256 of a text (UTF-8) as 64 lower-case hex digits, shared by Node and Workers: stable ids
 * and record hashes derived from content. Computed synchronously ({@link sha256OfText}); the
 * promise is kept so that callers need not change if it ever goes back to Web Crypto.
 * @module
 */
import { sha256OfText } from './sha256.js';

/** The SHA-256 digest of `text` in hex. */
export async function sha256Hex(text: string): Promise<string> {
  return toHex(sha256OfText(text));
}

/** Lower-case hex digits of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
