/**
 * A line writer for the request log on Node that hands the lines of one event-loop turn to
 * stdout in one write. `console.log` makes one synchronous write per line (stdout is a pipe or a
 * file, both synchronous on Linux), which cost about a tenth of a read's CPU (decision 039).
 * Lines still leave within the turn they were logged in (setImmediate), and at once when the
 * process exits, so an orderly stop loses none.
 * @module
 */
import process from 'node:process';

/** Most lines held before a write, so one busy turn does not hold an unbounded string. */
const MAX_LINES = 512;

/** Where the lines go: `process.stdout` in the server. */
export interface LineSink {
  write(text: string): unknown;
}

/**
 * Returns a `write(line)` that buffers lines and writes them to `sink` together.
 * @see https://nodejs.org/api/process.html#a-note-on-process-io
 */
export function createBatchedLineWriter(sink: LineSink = process.stdout): (line: string) => void {
  let pending: string[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = `${pending.join('\n')}\n`;
    pending = [];
    sink.write(text);
  };
  process.on('exit', flush);
  return (line) => {
    pending.push(line);
    if (pending.length >= MAX_LINES) flush();
    else if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
}
