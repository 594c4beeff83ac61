/**
 * `npm run bench`: runs every `bench/*.bench.ts` in name order, or only those named on the
 * command line (`npm run bench -- rest`). Each suite default-exports an async function that
 * measures our figure and its anchor side by side in the same run and prints both. Options of a
 * suite (`--resources 100000`) follow the names and are read by the suite from `process.argv`.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const dir = fileURLToPath(new URL('.', import.meta.url));
const firstOption = process.argv.findIndex((arg, i) => i >= 2 && arg.startsWith('--'));
const wanted = process.argv.slice(2, firstOption < 0 ? undefined : firstOption);
const suites = readdirSync(dir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => wanted.length === 0 || wanted.some((w) => name.startsWith(w)))
  .sort();

for (const name of suites) {
  console.log(`\n=== ${name} ===`);
  const suite = (await import(pathToFileURL(join(dir, name)).href)) as { default: () => Promise<void> };
  await suite.default();
}
