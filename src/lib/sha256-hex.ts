/**
 * SHA-256 of a text (UTF-8) as 64 lower-case hex digits, with Web Crypto so that Node and
 * Workers share it: stable ids and record hashes derived from content.
 * @module
 */

/** The SHA-256 digest of `text` in hex. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
