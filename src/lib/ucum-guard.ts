/**
 * Guards around the UCUM library (@lhncbc/ucum-lhc), which writes the unit string it failed to
 * parse to `console.log`: an attacker's megabyte-long "unit" would land in the log in full. Calls
 * go through {@link withUcumGuard}, which refuses strings that cannot be UCUM before the library
 * sees them and silences the library's console output for the duration of the (synchronous) call.
 * @see https://ucum.org/ucum#section-Character-Set-and-Lexical-Rules
 * @module
 */

/** Longest unit code handed to UCUM; real UCUM expressions are a few dozen characters. */
export const MAX_UCUM_CODE_LENGTH = 256;

// UCUM expressions use printable 7-bit ASCII only (33–126), annotations included; no spaces.
const UCUM_CHARACTERS = /^[\x21-\x7e]+$/;

/** True when `code` could be a UCUM expression at all (length and character set). */
export function isPlausibleUcumCode(code: string): boolean {
  return code.length <= MAX_UCUM_CODE_LENGTH && UCUM_CHARACTERS.test(code);
}

type ConsoleMethod = 'log' | 'info' | 'warn' | 'error' | 'debug';
const METHODS: readonly ConsoleMethod[] = ['log', 'info', 'warn', 'error', 'debug'];
const silent = () => undefined;

/**
 * Runs the synchronous UCUM call `fn` with console output dropped, and restores the console before
 * returning: nothing else can run in between, so no other output is lost.
 */
export function withUcumGuard<T>(fn: () => T): T {
  const saved = METHODS.map((name) => console[name]);
  try {
    for (const name of METHODS) console[name] = silent;
  } catch {
    // A runtime whose console cannot be reassigned: run the call unguarded (the input is bounded).
  }
  try {
    return fn();
  } finally {
    METHODS.forEach((name, i) => {
      try {
        console[name] = saved[i]!;
      } catch {
        // Restoring cannot fail where assigning did not.
      }
    });
  }
}
