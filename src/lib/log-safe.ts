/**
 * Values bound for the log, made safe: a request can put megabytes or forged log lines into
 * anything it sends, so every value the gateway logs is flattened to one line without control
 * characters and cut to a few hundred characters.
 * @module
 */

/** Default longest logged value, in characters. */
export const MAX_LOGGED_CHARS = 300;

const MAX_STACK_FRAMES = 8;
const MAX_FRAME_CHARS = 200;

// C0 and C1 controls (newlines included, so a value cannot start a forged log line), DEL and the
// Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** `value` as one line of at most `max` characters (plus a note of how much was cut). */
export function logSafe(value: unknown, max: number = MAX_LOGGED_CHARS): string {
  const text = (typeof value === 'string' ? value : describe(value)).replace(CONTROL, ' ');
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/**
 * An error for the log: its name and capped message, then a few stack frames (code locations,
 * which carry no request data), each made safe on its own.
 */
export function logSafeError(thrown: unknown): string {
  if (!(thrown instanceof Error)) return logSafe(thrown);
  const head = logSafe(`${thrown.name}: ${thrown.message}`);
  const frames = (thrown.stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, MAX_STACK_FRAMES)
    .map((line) => ` ${logSafe(line.trim(), MAX_FRAME_CHARS)}`);
  return [head, ...frames].join(' |');
}

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (typeof value === 'object' && value !== null) {
    try {
      // A huge object is cut after serialising; the cap bounds the log, not this call.
      return JSON.stringify(value) ?? String(value);
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
  return String(value);
}
