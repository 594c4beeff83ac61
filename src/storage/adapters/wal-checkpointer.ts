/**
 * Checkpoints a SQLite WAL from a worker thread (Node only). A checkpoint copies the pages a
 * stream of commits appended to the WAL back into the database file and fsyncs both; run by the
 * writing connection's autocheckpoint it stalled the event loop for tens of milliseconds every few
 * hundred commits, about half of all commit time under a stream of creates (decision 014). The
 * worker copies them in PASSIVE mode on its own connection while the writer carries on; the
 * writer keeps its autocheckpoint as a backstop, which then finds most frames already copied.
 * Durability is unchanged: a commit is durable when it is in the WAL, as before.
 * @module
 */
import { Worker } from 'node:worker_threads';

/** Options of {@link startWalCheckpointer}. */
export interface WalCheckpointerOptions {
  /** The database file (not `:memory:`). */
  path: string;
  /** Checkpoint once the WAL file is at least this large; 4 MiB when absent. */
  walBytes?: number;
  /** How often the worker looks at the WAL size; 50 ms when absent. */
  intervalMs?: number;
  /**
   * How often the worker brings the query planner's statistics up to date
   * (planner-statistics.mjs), so that plans follow the tables as
   * they grow; 10 minutes when absent.
   */
  statisticsIntervalMs?: number;
  /**
   * Called when a refresh changed the statistics. Every other open connection still plans with
   * the ones it read when it opened (SQLite reloads them only with the schema), so the caller has
   * them reload: a server that started on a small database and was then bulk-loaded otherwise kept
   * plans made for the small one, such as a chained search at 150 ms instead of 0.1 (decision 044).
   */
  onStatisticsChanged?: () => void;
}

/** Starts the worker; the returned function stops it. The worker never keeps the process alive. */
export function startWalCheckpointer(options: WalCheckpointerOptions): () => void {
  const worker = new Worker(new URL('./wal-checkpoint-worker.mjs', import.meta.url), {
    workerData: {
      path: options.path,
      walBytes: options.walBytes ?? 4 * 2 ** 20,
      intervalMs: options.intervalMs ?? 50,
      statisticsIntervalMs: options.statisticsIntervalMs ?? 10 * 60_000,
    },
  });
  worker.unref();
  worker.on('message', (message) => {
    if (message === 'statistics-changed') options.onStatisticsChanged?.();
  });
  // A failing checkpointer costs speed, not data: the writer's autocheckpoint still runs.
  worker.on('error', (error) => console.error(`WAL checkpointer stopped: ${error.message}`));
  return () => worker.postMessage('close');
}
