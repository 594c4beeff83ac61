/**
 * Command-line entry: `patronage-fhir-gateway validate [options] FILE…` (see {@link HELP}).
 * Exit codes: 0 no file has an error, 1 some file has one, 2 the command line is wrong.
 * @module
 */
import { runIngest } from './ingest-command.js';
import type { ProgressSink } from './progress-bar.js';
import { runValidate } from './validate-command.js';

const USAGE =
  'usage: patronage-fhir-gateway validate [--format text|json] [--profile URL] ' +
  '[--unknown-profile error|warning|ignore] FILE...';

/** What `--help` prints. */
export const HELP = `${USAGE}

Validates FHIR R4 JSON files (any R4 resource type, Bundles with their entries) against the base
R4 definitions, the profiles each resource claims in meta.profile, and --profile if given.

Options:
  --format text   (default) each file's issues, one per line ("severity code expression: message"),
                  then one summary line per file: "FILE: valid|INVALID (N errors, M warnings)".
  --format json   one OperationOutcome per file on stdout, one per line (newline-delimited JSON),
                  in the order the files were given, and nothing else:
                    patronage-fhir-gateway validate --format json a.json b.json | jq -s .
  --profile URL   also validate against this profile.
  --unknown-profile error|warning|ignore
                  a claimed profile this tool does not know (default: error).
  -h, --help      this text.

Exit status: 0 when no file has an error, 1 when one has, 2 for a wrong command line.`;

/** Where the CLI writes: lines to stdout and stderr, and the ingest's progress bar. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  progress?: ProgressSink;
}

/** Runs the command line `argv` (without node and the script); returns the exit code. */
export function main(argv: readonly string[], io: CliIo): number | Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || (command === 'validate' && wantsHelp(rest))) {
    io.out(HELP);
    return 0;
  }
  if (command === 'ingest') return ingest(rest, io);
  if (command !== 'validate') {
    io.err(USAGE);
    return 2;
  }
  try {
    return runValidate(rest, io.out);
  } catch (err) {
    io.err(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
}

/** `ingest`: asynchronous, so its exit code comes as a promise; a wrong command line is 2. */
function ingest(args: readonly string[], io: CliIo): Promise<number> {
  return runIngest(args, io).catch((err: unknown) => {
    io.err(`${err instanceof Error ? err.message : String(err)}\nusage: patronage-fhir-gateway ingest [--dry-run] [--source NAME] [--format text|json] FILE...`);
    return 2;
  });
}

function wantsHelp(args: readonly string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}
