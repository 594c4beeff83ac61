import { describe, expect, it } from 'vitest';
import { sha256, sha256OfText } from './sha256.js';
import { toHex } from './sha256-hex.js';

/** The reference: Web Crypto's digest of the same bytes. */
async function webCryptoHex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

describe('sha256', () => {
  it('gives the FIPS 180-4 example digests', () => {
    expect(toHex(sha256OfText('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(toHex(sha256OfText(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(sha256OfText('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('matches Web Crypto for every length across several block boundaries', async () => {
    const bytes = new Uint8Array(300).map((_, i) => (i * 131 + 7) & 0xff);
    for (let length = 0; length <= bytes.length; length++) {
      const message = bytes.subarray(0, length);
      expect(toHex(sha256(message)), `length ${length}`).toBe(await webCryptoHex(message));
    }
  });

  it('hashes text as UTF-8, like Web Crypto over TextEncoder', async () => {
    const text = 'urn:iin|990101300123 Әлия Ершова, вес 3,5 кг 👶';
    expect(toHex(sha256OfText(text))).toBe(await webCryptoHex(new TextEncoder().encode(text)));
  });
});
