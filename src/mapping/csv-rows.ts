/**
 * A streaming reader of CSV journals as real exports write them: UTF-8 with or without a BOM, or
 * Windows-1251; `;` or `,` separators (guessed from the header line); quoted cells; CRLF or LF.
 * Rows are yielded one by one with their line number, so tens of thousands of rows never sit in
 * memory at once. Web streams only (Workers-safe).
 * @see https://www.rfc-editor.org/rfc/rfc4180
 * @module
 */

/** One row: its cells and the 1-based line where it starts. */
export interface CsvRow {
  line: number;
  cells: string[];
  /** True when the text ended inside a quoted cell (a truncated file). */
  truncated?: boolean;
}

/**
 * Decodes bytes as UTF-8, or as Windows-1251 when the charset says so or when the first chunk
 * with a non-ASCII byte is not UTF-8 (ASCII reads the same in both, so the choice waits for it).
 */
export async function* decodeText(chunks: AsyncIterable<Uint8Array>, charset?: string): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined = charset && /1251/.test(charset) ? new TextDecoder('windows-1251') : undefined;
  const ascii = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    if (!decoder && chunk.every((byte) => byte < 0x80)) {
      yield ascii.decode(chunk);
      continue;
    }
    if (!decoder) {
      try {
        new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(chunk, { stream: true });
        decoder = new TextDecoder('utf-8');
      } catch {
        decoder = new TextDecoder('windows-1251');
      }
    }
    yield decoder.decode(chunk, { stream: true });
  }
  if (decoder) yield decoder.decode();
}

/** The separator of a header line: `;` or `,`, whichever occurs more. */
export function guessSeparator(header: string): string {
  const count = (char: string) => header.split(char).length - 1;
  return count(';') >= count(',') ? ';' : ',';
}

/** Splits text into rows; the separator is guessed from the first line. */
export async function* csvRows(text: AsyncIterable<string>): AsyncGenerator<CsvRow> {
  let separator: string | undefined;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let pendingQuote = false;
  let first = true;
  for await (let chunk of text) {
    if (first) {
      chunk = chunk.replace(/^\uFEFF/, '');
      first = false;
    }
    if (separator === undefined) separator = guessSeparator(chunk.split('\n')[0] ?? '');
    for (const char of chunk) {
      if (pendingQuote) {
        pendingQuote = false;
        if (char === '"') {
          cell += '"';
          continue;
        }
        quoted = false;
      }
      if (quoted) {
        if (char === '"') pendingQuote = true;
        else {
          if (char === '\n') line++;
          cell += char;
        }
        continue;
      }
      if (char === '"' && cell === '') quoted = true;
      else if (char === separator) {
        cells.push(cell);
        cell = '';
      } else if (char === '\n') {
        cells.push(cell.replace(/\r$/, ''));
        if (cells.length > 1 || cells[0] !== '') yield { line: rowLine, cells };
        cells = [];
        cell = '';
        rowLine = ++line;
      } else cell += char;
    }
  }
  if (pendingQuote) quoted = false;
  if (cell !== '' || cells.length > 0 || quoted) {
    cells.push(cell.replace(/\r$/, ''));
    yield quoted ? { line: rowLine, cells, truncated: true } : { line: rowLine, cells };
  }
}
