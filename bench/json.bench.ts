/**
 * `npm run bench -- json`: the strict FHIR JSON reader (`parseFhirJson`: an iterative scan for
 * depth, duplicate and forbidden keys, surrogates and control characters, then `JSON.parse`)
 * beside bare `JSON.parse` on the same official examples in the same process. Prints µs per
 * body for each and the added cost, in µs and as a share of the bare parse.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseFhirJson } from '../src/fhir/json/parse-fhir-json.js';

const require = createRequire(import.meta.url);
const EXAMPLES = join(require.resolve('hl7.fhir.r4.examples/package.json'), '..');

/** Bodies as a client sends them: compact JSON of real examples (~1–5 KB, and one larger Bundle). */
const BODIES: [string, string][] = [
  'Patient-example.json',
  'Observation-blood-pressure.json',
  'Bundle-bundle-transaction.json',
  'Bundle-f001.json',
  'Bundle-bundle-references.json',
  'QuestionnaireResponse-ussg-fht-answers.json',
].map((file) => [file.replace(/\.json$/, ''), JSON.stringify(JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')))]);

/** µs per call of `fn(text)`: the best of rounds of ~`ms` milliseconds (the least disturbed). */
function measure(fn: (text: string) => unknown, text: string, ms = 40): number {
  let iterations = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (let i = 0; i < 20; i++) fn(text);
    iterations += 20;
  }
  return ((performance.now() - start) * 1000) / iterations;
}

/** Alternates the two functions for `rounds` rounds so both see the same machine; best of each. */
function compare(
  a: (text: string) => unknown,
  b: (text: string) => unknown,
  text: string,
  rounds = 12,
): [number, number] {
  for (let i = 0; i < 500; i++) {
    a(text);
    b(text);
  }
  let bestA = Infinity;
  let bestB = Infinity;
  for (let round = 0; round < rounds; round++) {
    bestA = Math.min(bestA, measure(a, text));
    bestB = Math.min(bestB, measure(b, text));
  }
  return [bestA, bestB];
}

export default async function (): Promise<void> {
  console.log('body                                        bytes   strict µs   JSON.parse µs   added µs   added %');
  for (const [name, text] of BODIES) {
    const [strict, bare] = compare(parseFhirJson, JSON.parse, text);
    console.log(
      `${name.padEnd(42)} ${String(text.length).padStart(7)} ${strict.toFixed(2).padStart(11)} ${bare.toFixed(2).padStart(15)} ${(strict - bare).toFixed(2).padStart(10)} ${(((strict - bare) / bare) * 100).toFixed(0).padStart(8)}%`,
    );
  }
  console.log('\n(create costs about 1,000 µs end to end: the added µs above are its share)');
}
