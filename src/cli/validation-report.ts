/**
 * How `validate` prints its results. `json`: one OperationOutcome per file, compact, one per line
 * (newline-delimited JSON, in the order the files were given) and nothing else, so that
 * `jq -c .` or `jq -s .` reads stdout directly. `text` (the default): each file's issues, one per
 * line, then one summary line per file.
 * @see https://hl7.org/fhir/R4/operationoutcome.html
 * @module
 */
import { hasErrors, toOperationOutcome, type Issue } from '../fhir/outcome.js';

/** Output formats of `validate --format`. */
export const REPORT_FORMATS = ['text', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** One validated file. */
export interface FileResult {
  file: string;
  issues: Issue[];
}

/** Prints the results of all files in `format` through `out`, one line per call. */
export function printReport(results: readonly FileResult[], format: ReportFormat, out: (line: string) => void): void {
  if (format === 'json') {
    for (const { issues } of results) out(JSON.stringify(toOperationOutcome(issues)));
    return;
  }
  for (const { file, issues } of results) {
    out(`# ${file}`);
    for (const issue of issues) out(`  ${issueLine(issue)}`);
  }
  for (const result of results) out(summaryLine(result));
}

function issueLine(issue: Issue): string {
  const where = issue.expression?.[0];
  return `${issue.severity} ${issue.code}${where ? ` ${where}` : ''}: ${issue.message}`;
}

/** `file: valid (0 errors, 1 warning)` or `file: INVALID (2 errors, 0 warnings)`. */
export function summaryLine({ file, issues }: FileResult): string {
  const errors = issues.filter((i) => i.severity === 'error' || i.severity === 'fatal').length;
  const warnings = issues.filter((i) => i.severity === 'warning').length;
  const verdict = hasErrors(issues) ? 'INVALID' : 'valid';
  return `${file}: ${verdict} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
