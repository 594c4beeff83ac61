/**
 * Runs SUSHI on profiles/ with snapshots, offline: HOME points at the project-local FHIR home
 * with the materialised core package, and the package registry and any HTTP(S) proxy point at a
 * closed local port, so the automatic dependencies SUSHI would fetch (hl7.terminology.r4,
 * hl7.fhir.uv.extensions.r4, hl7.fhir.uv.tools.r4; none used by this guide) and its version
 * check fail fast instead of reaching the network.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { materializeR4Core } from './materialize-r4-core.js';
import { FHIR_HOME, PROFILES_DIR } from './paths.js';

const require = createRequire(import.meta.url);
const CLOSED_PORT = 'http://127.0.0.1:9';

/** Runs SUSHI; throws with its log when it reports errors. Returns the log. */
export function runSushi(): string {
  materializeR4Core(FHIR_HOME);
  rmSync(join(PROFILES_DIR, 'fsh-generated'), { recursive: true, force: true });
  const sushi = require.resolve('fsh-sushi/dist/app.js');
  const env = {
    ...process.env,
    HOME: FHIR_HOME,
    FPL_REGISTRY: CLOSED_PORT,
    HTTP_PROXY: CLOSED_PORT,
    HTTPS_PROXY: CLOSED_PORT,
    http_proxy: CLOSED_PORT,
    https_proxy: CLOSED_PORT,
    NO_PROXY: '',
    no_proxy: '',
  };
  const result = spawnSync(process.execPath, [sushi, 'build', PROFILES_DIR, '--snapshot'], { env, encoding: 'utf8' });
  const log = `${result.stdout}${result.stderr}`;
  const errors = /(\d+) Errors?\s/.exec(log);
  const warnings = /(\d+) Warnings?\s/.exec(log);
  // Expected offline warnings are listed in profiles/sushi-ignoreWarnings.txt; any other fails.
  if (result.status !== 0 || errors?.[1] !== '0' || warnings?.[1] !== '0') {
    throw new Error(`SUSHI reported errors or unexpected warnings (exit ${result.status}):\n${log}`);
  }
  return log;
}
