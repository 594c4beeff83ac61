import { describe, expect, it } from 'vitest';
import { csvRows, decodeText, type CsvRow } from './csv-rows.js';

async function* chunks(...parts: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield typeof part === 'string' ? new TextEncoder().encode(part) : part;
}

async function rows(...parts: (string | Uint8Array)[]): Promise<CsvRow[]> {
  const out: CsvRow[] = [];
  for await (const row of csvRows(decodeText(chunks(...parts)))) out.push(row);
  return out;
}

describe('the CSV reader', () => {
  it('drops the BOM, guesses ; and reads CRLF rows with their line numbers, across chunk borders', async () => {
    const result = await rows('\uFEFFa;b\r\n1;2', ',5\r\n3;"x;\r\ny"\r\n');
    expect(result).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2,5'] },
      { line: 3, cells: ['3', 'x;\r\ny'] },
    ]);
  });

  it('guesses , and unescapes doubled quotes', async () => {
    expect(await rows('a,b\n"say ""hi""",2\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['say "hi"', '2'] },
    ]);
  });

  it('marks a row that ends inside quotes as truncated', async () => {
    expect((await rows('a;b\n1;"unfinished')).at(-1)).toEqual({ line: 2, cells: ['1', 'unfinished'], truncated: true });
  });

  it('decodes Windows-1251 when the bytes are not UTF-8', async () => {
    const cp1251 = new Uint8Array([0xe6, 0x3b, 0xcc]); // "ж;М"
    expect(await rows(new TextEncoder().encode('pol;x\n'), cp1251)).toEqual([
      { line: 1, cells: ['pol', 'x'] },
      { line: 2, cells: ['ж', 'М'] },
    ]);
  });
});
