/**
 * Load for the HTTP benchmarks from autocannon in a child process (load-worker.mjs), so that the
 * load generator shares neither the server's event loop nor its memory figures.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** What load-worker.mjs reports: requests/s, latency percentiles in ms, failed responses. */
export interface LoadResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  failed: number;
  total: number;
  error?: string;
}

/** One load run. */
export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Latency from autocannon's histogram (p50, p99; p95 is NaN) instead of every response time. */
  histogramOnly?: boolean;
}

/** Runs autocannon against `options.url` in a child process and returns its figures. */
export function loadFromChild(options: LoadOptions): Promise<LoadResult> {
  const { seconds, ...rest } = options;
  const script = fileURLToPath(new URL('./load-worker.mjs', import.meta.url));
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [script, JSON.stringify({ ...rest, duration: seconds })],
      { maxBuffer: 16 * 2 ** 20 },
      (error, stdout) => {
        if (error) return reject(error);
        const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as LoadResult;
        if (result.error) reject(new Error(result.error));
        else resolve(result);
      },
    );
  });
}

/**
 * Starts this process's peak RSS (VmHWM) again from its current RSS (Linux `clear_refs` 5), so
 * that a later {@link peakRssMiB} covers only what follows; returns the current RSS in MiB.
 */
export function resetPeakRss(): number {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Not Linux: the peak then covers the whole process.
  }
  return peakRssMiB();
}

/** Peak resident memory (VmHWM) of process `pid` in MiB, or 0 when it cannot be read (not Linux). */
export function peakRssMiB(pid: number | 'self' = 'self'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
    return Math.round(kib / 1024);
  } catch {
    return 0;
  }
}

/** The ids of this process's child processes (Linux), e.g. the SQLite reader processes. */
export function childPids(): number[] {
  try {
    const tasks = readFileSync(`/proc/self/task/${process.pid}/children`, 'utf8');
    return tasks.trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
