/**
 * Starts the real Node entry (`src/entry/node.ts`) as a child process on a free port, with a
 * fresh SQLite file, under `--disallow-code-generation-from-strings` (as Workers would refuse
 * code generation at request time). Integration tests talk to it over HTTP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
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

/** Spawns the Node entry; resolves once it prints its listening line. */
export async function startNodeServer(
  env: Record<string, string> = {},
  options: NodeServerOptions = {},
): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-test-'));
  const databasePath = join(dir, 'gateway.sqlite');
  const child = spawn(
    process.execPath,
    [
      '--disallow-code-generation-from-strings',
      '--import',
      'tsx',
      ...(options.preload ?? []).flatMap((module) => ['--import', module]),
      'src/entry/node.ts',
    ],
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
