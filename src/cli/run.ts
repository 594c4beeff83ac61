/**
 * Process wrapper of the CLI ({@link main}): arguments from the process, lines to stdout and
 * stderr, the exit code back to the shell.
 * @module
 */
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  progress: { write: (text) => process.stderr.write(text), isTTY: process.stderr.isTTY === true },
});
