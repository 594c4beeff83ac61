/**
 * Vitest global setup of the `node` project: builds the Node entry into `build/node/server.mjs`
 * once per run (the same `scripts/build-node.mjs` that `npm start` runs first; it returns at once
 * when the build is newer than every source file). Integration tests then start the compiled
 * server as users run it, which costs about 3 s of CPU a start instead of 5.5 s through tsx: with
 * a hundred or so server starts in the suite, that is minutes of CI.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function buildNodeServer(): void {
  const script = fileURLToPath(new URL('../../scripts/build-node.mjs', import.meta.url));
  execFileSync(process.execPath, [script], { stdio: 'inherit' });
}
