/**
 * Command-line entry: `patronage-fhir-gateway validate [--profile URL] FILE…`.
 * @module
 */
import { runValidate } from './validate-command.js';

const USAGE = 'usage: patronage-fhir-gateway validate [--profile URL] [--unknown-profile error|warning|ignore] FILE...';

function main(argv: readonly string[]): number {
  const [command, ...rest] = argv;
  if (command !== 'validate') {
    console.error(USAGE);
    return 2;
  }
  try {
    return runValidate(rest, (line) => console.log(line));
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
