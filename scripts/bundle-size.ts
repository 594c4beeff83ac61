/**
 * `npm run bundle-size`: bundles the Worker with `wrangler deploy --dry-run --outdir dist`
 * (offline, nothing is uploaded) and prints the size of the bundle and its gzip size, the
 * figure Workers' size limits apply to, and the startup time profiled by `wrangler check startup`.
 * Also used by `bench/rest.bench.ts`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Environment that keeps wrangler off the network (wrangler offline settings; see docs/decisions/006-workers-entry-and-workerd-tests.md). */
export const WRANGLER_OFFLINE_ENV = {
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
} as const;

/** The wrangler.toml environment `npm run deploy` uses; its bundle is the one measured. */
const DEPLOY_ENV = 'production';

/** Sizes of the Worker bundle in bytes. */
export interface BundleSize {
  files: number;
  bytes: number;
  gzipBytes: number;
}

/** Runs the dry-run bundle into `outDir` (relative to the repository) and measures it. */
export function measureBundleSize(outDir = 'dist'): BundleSize {
  const out = join(ROOT, outDir);
  rmSync(out, { recursive: true, force: true });
  execFileSync(
    join(ROOT, 'node_modules/.bin/wrangler'),
    ['deploy', '--dry-run', '--env', DEPLOY_ENV, '--outdir', out],
    {
      cwd: ROOT,
      env: { ...process.env, ...WRANGLER_OFFLINE_ENV },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  // Count what workerd loads: not the source map, not the README wrangler writes.
  const files = readdirSync(out, { recursive: true, encoding: 'utf8' })
    .map((name) => join(out, name))
    .filter((path) => statSync(path).isFile() && !/\.(map|md)$/.test(path));
  let bytes = 0;
  let gzipBytes = 0;
  for (const path of files) {
    const content = readFileSync(path);
    bytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  return { files: files.length, bytes, gzipBytes };
}

/**
 * Profiles the Worker's startup (module evaluation) with `wrangler check startup`, locally in
 * workerd, and returns the profiled milliseconds. Workers allow 1 s; this machine is not
 * Cloudflare's, so read it as an order of magnitude.
 */
export function measureStartupMs(): number {
  const dir = mkdtempSync(join(tmpdir(), 'worker-startup-'));
  try {
    const outfile = join(dir, 'startup.cpuprofile');
    execFileSync(
      join(ROOT, 'node_modules/.bin/wrangler'),
      ['check', 'startup', '--env', DEPLOY_ENV, '--outfile', outfile],
      {
        cwd: ROOT,
        env: { ...process.env, ...WRANGLER_OFFLINE_ENV },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const profile = JSON.parse(readFileSync(outfile, 'utf8')) as { startTime: number; endTime: number };
    return (profile.endTime - profile.startTime) / 1000;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `123.4 KiB`. */
export function formatKiB(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const size = measureBundleSize();
  console.log(
    `Worker bundle (dist/, ${size.files} file(s) without source maps): ` +
      `${formatKiB(size.bytes)}, gzip ${formatKiB(size.gzipBytes)}`,
  );
  console.log(`Worker startup (wrangler check startup, local CPU profile): ${measureStartupMs().toFixed(0)} ms`);
}
