/**
 * `validate [--format text|json] [--profile URL] [--unknown-profile error|warning|ignore] FILE…`:
 * validates each JSON file against base R4 (any R4 resource type), the given profile and the
 * profiles it claims, prints the results (validation-report.ts), and reports whether any file had
 * an error.
 * @see https://hl7.org/fhir/R4/validation.html
 * @module
 */
import { readFileSync } from 'node:fs';
import { error, hasErrors, type Issue } from '../fhir/outcome.js';
import type { UnknownProfilePolicy } from '../validation/profile/validate-profiles.js';
import { validateResource } from '../validation/validate-resource.js';
import { REPORT_FORMATS, printReport, type FileResult, type ReportFormat } from './validation-report.js';

/** Parsed command line of `validate`. */
export interface ValidateArgs {
  files: string[];
  profile?: string;
  unknownProfile?: UnknownProfilePolicy;
  format?: ReportFormat;
}

const POLICIES = new Set(['error', 'warning', 'ignore']);

/** Parses the arguments after `validate`; throws with a usage message when they are wrong. */
export function parseValidateArgs(argv: readonly string[]): ValidateArgs {
  const args: ValidateArgs = { files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--profile') args.profile = requireValue(argv[++i], arg);
    else if (arg === '--unknown-profile') args.unknownProfile = policy(requireValue(argv[++i], arg));
    else if (arg === '--format') args.format = format(requireValue(argv[++i], arg));
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else args.files.push(arg);
  }
  if (args.files.length === 0) throw new Error('no FILE given');
  return args;
}

function requireValue(value: string | undefined, option: string): string {
  if (value === undefined || value.startsWith('--')) throw new Error(`${option} needs a value`);
  return value;
}

function format(value: string): ReportFormat {
  if (!(REPORT_FORMATS as readonly string[]).includes(value)) throw new Error('--format must be text or json');
  return value as ReportFormat;
}

function policy(value: string): UnknownProfilePolicy {
  if (!POLICIES.has(value)) throw new Error(`--unknown-profile must be error, warning or ignore`);
  return value as UnknownProfilePolicy;
}

/** Validates one file's content; a file that is not JSON yields a structure error. */
export function validateFile(text: string, args: ValidateArgs): Issue[] {
  let resource: unknown;
  try {
    resource = JSON.parse(text);
  } catch (cause) {
    return [error('structure', `Not valid JSON: ${cause instanceof Error ? cause.message : String(cause)}`)];
  }
  return validateResource(resource as fhir4.Resource, { profile: args.profile, unknownProfile: args.unknownProfile });
}

/** Runs the command, writing to `out`; returns the process exit code (1 when any file has an error). */
export function runValidate(argv: readonly string[], out: (line: string) => void): number {
  const args = parseValidateArgs(argv);
  const results: FileResult[] = args.files.map((file) => ({ file, issues: validatePath(file, args) }));
  printReport(results, args.format ?? 'text', out);
  return results.some((r) => hasErrors(r.issues)) ? 1 : 0;
}

function validatePath(file: string, args: ValidateArgs): Issue[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    return [error('not-found', `Cannot read ${file}: ${cause instanceof Error ? cause.message : String(cause)}`)];
  }
  return validateFile(text, args);
}
