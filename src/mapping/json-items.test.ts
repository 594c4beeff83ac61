import { describe, expect, it } from 'vitest';
import { FhirError } from '../fhir/outcome.js';
import { jsonItems, type JsonItem } from './json-items.js';

const encoder = new TextEncoder();

async function* chunksOf(...parts: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield typeof part === 'string' ? encoder.encode(part) : part;
}

async function itemsOf(parts: (string | Uint8Array)[], maxItemLength = 1_000): Promise<JsonItem[]> {
  const items: JsonItem[] = [];
  for await (const item of jsonItems(chunksOf(...parts), { maxItemLength })) items.push(item);
  return items;
}

const TRICKY = '[ {"a":"x, ] } \\" [","b":[1,[2,{"c":"}"}]]} ,\n{"d":null}, 17, "s]" ]';

describe('jsonItems', () => {
  it('yields each element of an array with its 1-based index, whatever the strings and nesting hold', async () => {
    expect(await itemsOf([TRICKY])).toEqual([
      { kind: 'text', text: '{"a":"x, ] } \\" [","b":[1,[2,{"c":"}"}]]}', index: 1 },
      { kind: 'text', text: '{"d":null}', index: 2 },
      { kind: 'text', text: '17', index: 3 },
      { kind: 'text', text: '"s]"', index: 4 },
    ]);
  });

  it('gives the same elements however the body is cut into chunks', async () => {
    const whole = await itemsOf([TRICKY]);
    for (let cut = 1; cut < TRICKY.length; cut++) {
      expect(await itemsOf([TRICKY.slice(0, cut), TRICKY.slice(cut)]), `cut at ${cut}`).toEqual(whole);
    }
  });

  it('reads a multi-byte character cut between two chunks', async () => {
    const bytes = encoder.encode('[{"name":"Әлия"}]');
    const cut = bytes.indexOf(0xd3) + 1; // inside the two bytes of Ә
    expect(await itemsOf([bytes.slice(0, cut), bytes.slice(cut)])).toEqual([{ kind: 'text', text: '{"name":"Әлия"}', index: 1 }]);
  });

  it('yields a single object as one record without an index, BOM and whitespace ignored', async () => {
    expect(await itemsOf(['\uFEFF \n{"record_id": "1"}\n'])).toEqual([{ kind: 'text', text: '{"record_id": "1"}' }]);
  });

  it('yields nothing for an empty array', async () => {
    expect(await itemsOf(['[ ]'])).toEqual([]);
  });

  it('refuses a body that is empty or neither an object nor an array before yielding anything', async () => {
    for (const body of ['', '   ', '"text"', '42', 'nul']) {
      await expect(itemsOf([body]), JSON.stringify(body)).rejects.toBeInstanceOf(FhirError);
    }
  });

  it('reports an element over the limit and goes on with the next', async () => {
    const big = `{"x":"${'a'.repeat(50)}"}`;
    expect(await itemsOf([`[{"a":1},${big},{"b":2}]`], 40)).toEqual([
      { kind: 'text', text: '{"a":1}', index: 1 },
      { kind: 'unreadable', message: 'The record is larger than the limit of 40 characters', index: 2 },
      { kind: 'text', text: '{"b":2}', index: 3 },
    ]);
  });

  it('answers 413 for a single object over the limit', async () => {
    const error = await itemsOf([`{"x":"${'a'.repeat(50)}"}`], 40).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FhirError);
    expect((error as FhirError).status).toBe(413);
  });

  it('reports an empty element, a missing closing bracket and trailing text at their positions', async () => {
    expect(await itemsOf(['[{"a":1},,{"b":2},]'])).toEqual([
      { kind: 'text', text: '{"a":1}', index: 1 },
      { kind: 'unreadable', message: 'An empty element between commas', index: 2 },
      { kind: 'text', text: '{"b":2}', index: 3 },
      { kind: 'unreadable', message: 'An empty element between commas', index: 4 },
    ]);
    expect(await itemsOf(['[{"a":1},{"b":'])).toEqual([
      { kind: 'text', text: '{"a":1}', index: 1 },
      { kind: 'unreadable', message: 'The body ends inside the array (truncated?): its closing ] is missing', index: 2 },
    ]);
    expect(await itemsOf(['[{"a":1}] x'])).toEqual([
      { kind: 'text', text: '{"a":1}', index: 1 },
      { kind: 'unreadable', message: 'Text follows the closing ] of the array', index: 2 },
    ]);
  });

  it('reports bytes that are not UTF-8 against the element where they start, after the earlier ones', async () => {
    const items = await itemsOf(['[{"a":1},{"b":"', new Uint8Array([0xff, 0xfe]), '"}]']);
    expect(items).toEqual([
      { kind: 'text', text: '{"a":1}', index: 1 },
      { kind: 'unreadable', message: 'The body is not valid UTF-8 from here on', index: 2 },
    ]);
  });

  it('scans an element nested 100,000 levels deep without recursion', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const items = await itemsOf([`[${deep},{"a":1}]`], 1_000_000);
    expect(items.map((i) => i.kind === 'text' && i.text.length)).toEqual([200_000, 7]);
  });
});
