/**
 * A progress bar for the CLI's long runs (an ingest of tens of thousands of records): redrawn in
 * place on a terminal, and on anything else (a CI log, a file) printed as a line at every tenth,
 * so a log is not flooded with carriage returns.
 * @module
 */

/** Where the bar is drawn. */
export interface ProgressSink {
  write: (text: string) => void;
  /** A terminal: the bar is redrawn in place. */
  isTTY: boolean;
}

const WIDTH = 30;
/** Least time between two redraws on a terminal. */
const REDRAW_MS = 100;

/** The bar's text: `[#########---------]  450/1000 records  45%  12.3 s`. */
export function renderProgress(done: number, total: number, elapsedMs: number, label = 'records'): string {
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(share * WIDTH);
  const count = `${String(done).padStart(String(total).length)}/${total}`;
  return `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${count} ${label} ${String(Math.floor(share * 100)).padStart(3)}%  ${(elapsedMs / 1000).toFixed(1)} s`;
}

/** A bar over `total` steps; `tick()` after each, `finish()` at the end. */
export function createProgress(total: number, sink: ProgressSink, now: () => number = Date.now): { tick: () => void; finish: () => void } {
  const start = now();
  let done = 0;
  let drawnAt = -Infinity;
  let tenth = 0;
  const draw = (final: boolean) => {
    const text = renderProgress(done, total, now() - start);
    if (sink.isTTY) sink.write(`\r${text}${final ? '\n' : ''}`);
    else sink.write(`${text}\n`);
  };
  return {
    tick() {
      done++;
      if (sink.isTTY) {
        if (now() - drawnAt < REDRAW_MS) return;
        drawnAt = now();
        draw(false);
        return;
      }
      const reached = total > 0 ? Math.floor((done * 10) / total) : 10;
      if (reached > tenth && done < total) {
        tenth = reached;
        draw(false);
      }
    },
    finish() {
      draw(true);
    },
  };
}
