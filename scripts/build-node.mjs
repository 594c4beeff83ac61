// Builds the Node entry into one JavaScript file, build/node/server.mjs, that `npm start` runs
// (`prestart`). Running compiled JavaScript instead of loading TypeScript through tsx at start-up
// keeps the tsx loader, its transform caches and a module graph of ~600 files out of the
// server's memory (decision 034). Plain JavaScript so that it needs no TypeScript loader itself.
//
// The bundle sits two folders below the repository root, as src/entry/node.ts does, so the
// entry's `new URL('../../migrations', import.meta.url)` and `../../mappings` still resolve; the
// worker and reader scripts the storage adapters start beside themselves are copied next to it.
// Packages stay in node_modules (better-sqlite3 is native). Written to a temporary name and
// renamed, so two `npm start` at once never run a half-written file.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = join(ROOT, 'build', 'node');
const ADAPTERS = join(ROOT, 'src', 'storage', 'adapters');

/** Copies `name` into OUT_DIR through a temporary file, so a running server never sees half of it. */
function publish(from, name) {
  const temporary = join(OUT_DIR, `.${name}.${process.pid}.tmp`);
  copyFileSync(from, temporary);
  renameSync(temporary, join(OUT_DIR, name));
}

/** The newest modification time under `dir`, in ms. */
function newestUnder(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** A bundle newer than every source file and package.json is kept: a restart starts at once. */
function upToDate() {
  try {
    const built = statSync(join(OUT_DIR, 'server.mjs')).mtimeMs;
    return built > newestUnder(join(ROOT, 'src')) && built > statSync(join(ROOT, 'package.json')).mtimeMs;
  } catch {
    return false;
  }
}

if (upToDate()) process.exit(0);
mkdirSync(OUT_DIR, { recursive: true });
for (const name of readdirSync(ADAPTERS).filter((n) => n.endsWith('.mjs'))) publish(join(ADAPTERS, name), name);
const bundle = join(OUT_DIR, `.server.${process.pid}.mjs`);
await build({
  entryPoints: [join(ROOT, 'src', 'entry', 'node.ts')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
renameSync(bundle, join(dirname(bundle), 'server.mjs'));
