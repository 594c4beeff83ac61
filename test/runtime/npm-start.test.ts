// `npm start` is one process tree that a SIGTERM or SIGINT to npm stops as a whole: the request
// in flight when the signal arrives is still answered, then the port is free again.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LISTENING = /listening on http:\/\/127\.0\.0\.1:(\d+)\/fhir/;

interface Started {
  child: ChildProcess;
  port: number;
  output: () => string;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function npmStart(): Promise<Started> {
  const dir = mkdtempSync(join(tmpdir(), 'npm-start-'));
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: join(dir, 'db.sqlite'), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const match = LISTENING.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
  return { child, port, output: () => output };
}

/** A create whose body is sent in two halves; `between` runs after the first half. */
function createInTwoHalves(port: number, between: () => void): Promise<number> {
  const body = JSON.stringify({ resourceType: 'Patient', gender: 'female', birthDate: '2026-01-05' });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/fhir/Patient',
        headers: { 'content-type': 'application/fhir+json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.write(body.slice(0, 10));
    setTimeout(() => {
      between();
      setTimeout(() => req.end(body.slice(10)), 300);
    }, 100);
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('npm start', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'stops as one process on %s, after answering the request in flight',
    async (signal) => {
      const { child, port, output } = await npmStart();
      const status = await createInTwoHalves(port, () => child.kill(signal));
      expect(status, output()).toBe(201);
      await exited(child);
      expect(await portAccepts(port), `port ${port} still open after npm stopped:\n${output()}`).toBe(false);
    },
    // `npm start` bundles the entry first (prestart, decision 034): seconds more on a loaded machine.
    90_000,
  );
});
