/**
 * Line numbers of the values in a JSON text, by their path, so that a zod problem in a mapping
 * file (`['resources', 3, 'rules', 2, 'path']`) is reported as `file:line`. A small scanner over
 * the text; it assumes the text already parsed as JSON.
 * @module
 */

/** Maps each value's path (keys and indexes joined by `/`) to the 1-based line where it starts. */
export function jsonLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let pos = 0;
  let line = 1;
  const skip = () => {
    while (pos < text.length && /\s/.test(text[pos]!)) if (text[pos++] === '\n') line++;
  };
  const readString = (): string => {
    const start = pos++;
    while (text[pos] !== '"') pos += text[pos] === '\\' ? 2 : 1;
    pos++;
    return JSON.parse(text.slice(start, pos)) as string;
  };
  const value = (path: string): void => {
    skip();
    lines.set(path, line);
    const char = text[pos];
    if (char === '{' || char === '[') {
      pos++;
      for (let index = 0; ; index++) {
        skip();
        if (text[pos] === '}' || text[pos] === ']') break;
        let key = String(index);
        if (char === '{') {
          key = readString();
          skip();
          pos++; // the colon
        }
        value(path === '' ? key : `${path}/${key}`);
        skip();
        if (text[pos] === ',') pos++;
      }
      pos++;
    } else if (char === '"') readString();
    else while (pos < text.length && !/[\s,\]}]/.test(text[pos]!)) pos++;
  };
  value('');
  return lines;
}

/** The line of the deepest known value on `path` (a missing key is reported at its parent). */
export function lineOf(lines: Map<string, number>, path: readonly PropertyKey[]): number {
  for (let n = path.length; n >= 0; n--) {
    const found = lines.get(path.slice(0, n).map(String).join('/'));
    if (found !== undefined) return found;
  }
  return 1;
}

/** Line of a character offset (for JSON.parse's syntax errors). */
export function lineAtOffset(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}
