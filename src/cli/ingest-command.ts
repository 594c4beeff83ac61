/**
 * `patronage-fhir-gateway ingest FILE… [--dry-run] [--source NAME] [--format text|json]`: the
 * ingest of `POST /ingest/visits` from files, into the SQLite database the server uses
 * (`DATABASE_PATH`), through the same app in-process, so the report is the same. `.csv` files are
 * sent as CSV, anything else as JSON. Each file's records are counted first (a scan, no parse), so
 * that a progress bar on stderr can say how far the ingest is.
 * @module
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../config/config.js';
import { readMappingSources } from '../entry/mapping-files.js';
import { createGateway } from '../gateway/create-gateway.js';
import { csvRows, decodeText } from '../mapping/csv-rows.js';
import { jsonItems } from '../mapping/json-items.js';
import { openBetterSqlite3 } from '../storage/adapters/better-sqlite3-driver.js';
import { createSqlResourceStore } from '../storage/sql/sql-resource-store.js';
import { createProgress, type ProgressSink } from './progress-bar.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Parsed `ingest` arguments. */
export interface IngestArgs {
  files: string[];
  dryRun: boolean;
  source: string;
  format: 'text' | 'json';
}

/** Parses the arguments after `ingest`; throws on a wrong command line. */
export function parseIngestArgs(argv: readonly string[]): IngestArgs {
  const args: IngestArgs = { files: [], dryRun: false, source: 'mis', format: 'text' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--dry-run') args.dryRun = true;
    else if (arg === '--source') args.source = argv[++i] ?? '';
    else if (arg === '--format') {
      const format = argv[++i];
      if (format !== 'text' && format !== 'json') throw new Error('--format is text or json');
      args.format = format;
    } else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else args.files.push(arg);
  }
  if (args.files.length === 0) throw new Error('no file given');
  return args;
}

interface Report {
  summary: Record<string, number>;
  records: { recordId?: string; row?: number; index?: number; status: string; issues: { message: string; field?: string }[] }[];
}

/** Ingests the files; returns the exit code (0: nothing rejected, 1: some record rejected). */
export async function runIngest(
  argv: readonly string[],
  io: { out: (line: string) => void; err: (line: string) => void; progress?: ProgressSink },
): Promise<number> {
  const args = parseIngestArgs(argv);
  const { databasePath } = parseConfig(process.env);
  const driver = openBetterSqlite3({ path: databasePath, migrationsDir: MIGRATIONS_DIR });
  let tick = () => {};
  try {
    const { app } = await createGateway(
      createSqlResourceStore(driver),
      { ...process.env, LOAD_DEMO_DATA: 'false' },
      { mappingSources: readMappingSources(), onIngestRecord: () => tick() },
    );
    let rejected = 0;
    for (const [n, file] of args.files.entries()) {
      const csv = file.toLowerCase().endsWith('.csv');
      const bytes = readFileSync(file);
      const total = await countRecords(bytes, csv);
      io.err(`[${n + 1}/${args.files.length}] ${file}: ${total} records`);
      const bar = createProgress(total, io.progress ?? { write: (text) => io.err(text.replace(/\n$/, '')), isTTY: false });
      tick = bar.tick;
      const query = new URLSearchParams({ source: args.source, ...(args.dryRun ? { dryRun: 'true' } : {}) });
      const response = await app.request(`http://localhost/ingest/visits?${query}`, {
        method: 'POST',
        headers: { 'content-type': csv ? 'text/csv' : 'application/json', accept: 'application/json' },
        body: bytes,
      });
      const body = (await response.json()) as Report | fhir4.OperationOutcome;
      bar.finish();
      if (!('summary' in body)) {
        io.out(`${file}: refused: ${body.issue.map((i) => i.details?.text).join('; ')}`);
        rejected++;
        continue;
      }
      rejected += body.summary.rejected ?? 0;
      if (args.format === 'json') io.out(JSON.stringify({ file, ...body }));
      else printText(file, body, io.out);
    }
    return rejected > 0 ? 1 : 0;
  } finally {
    driver.close();
  }
}

function printText(file: string, report: Report, out: (line: string) => void): void {
  for (const record of report.records) {
    const where = [record.recordId, record.row && `line ${record.row}`, record.index && `item ${record.index}`].filter(Boolean).join(', ');
    if (record.status !== 'rejected') continue;
    for (const issue of record.issues) out(`${file}: ${where}: ${issue.field ? `${issue.field}: ` : ''}${issue.message}`);
  }
  const s = report.summary;
  out(`${file}: ${s.records} records: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.rejected} rejected`);
}

/** How many records a file holds: CSV rows after the header, or JSON array elements (1 for an object). */
export async function countRecords(bytes: Uint8Array, csv: boolean): Promise<number> {
  const chunks = (async function* () {
    yield bytes;
  })();
  let count = 0;
  try {
    if (csv) for await (const _ of csvRows(decodeText(chunks))) count++;
    else for await (const _ of jsonItems(chunks, { maxItemLength: Number.MAX_SAFE_INTEGER })) count++;
  } catch {
    return 0; // not readable at all: the ingest itself says why
  }
  return csv ? Math.max(0, count - 1) : count;
}
