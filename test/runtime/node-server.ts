/**
 * Starts the real Node entry as a child process on a free port, with a fresh SQLite file, under
 * `--disallow-code-generation-from-strings` (as Workers would refuse code generation at request
 * time). The entry is `build/node/server.mjs`, compiled from `src/entry/node.ts` by the test run's
 * global setup, which is what `npm start` runs. Integration tests talk to it over HTTP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Built by `test/setup/build-node-server.ts` before any test file runs. */
const BUILT_ENTRY = 'build/node/server.mjs';
const LISTENING = /listening on (http:\/\/\S+\/fhir)/;

/** A running gateway process. */
export interface RunningServer {
  /** FHIR base URL, e.g. `http://127.0.0.1:40123/fhir`. */
  baseUrl: string;
  databasePath: string;
  /** The server process id (to sample its memory). */
  pid: number;
  /** Everything the process printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

/** Options of {@link startNodeServer}. */
export interface NodeServerOptions {
  /** Extra modules loaded with `--import` before the entry (test instrumentation). */
  preload?: readonly string[];
  /** How long to wait for the listening line (default 30 s); two servers starting at once take longer. */
  startupTimeoutMs?: number;
}

/**
 * Node's arguments for the compiled entry, with `preload` modules loaded first by `--import`.
 * Relative to the repository root, the child's working directory.
 */
export function nodeServerArguments(preload: readonly string[] = []): string[] {
  return ['--disallow-code-generation-from-strings', ...preload.flatMap((module) => ['--import', module]), BUILT_ENTRY];
}

/** Spawns the Node entry; resolves once it prints its listening line. */
export async function startNodeServer(
  env: Record<string, string> = {},
  options: NodeServerOptions = {},
): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-test-'));
  const databasePath = join(dir, 'gateway.sqlite');
  const child = spawn(
    process.execPath,
    nodeServerArguments(options.preload),
    {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: databasePath, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = await waitForListening(child, () => output, options.startupTimeoutMs ?? 30_000);
  return {
    baseUrl,
    databasePath,
    pid: child.pid!,
    output: () => output,
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function waitForListening(child: ChildProcess, output: () => string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${output()}`)), timeoutMs);
    const check = () => {
      const match = LISTENING.exec(output());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code}:\n${output()}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
