import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseIngestArgs } from './ingest-command.js';

const BIN = fileURLToPath(new URL('../../bin/patronage-fhir-gateway.mjs', import.meta.url));
const SAMPLES = fileURLToPath(new URL('../../test/fixtures/shared-samples/', import.meta.url));

function cli(args: string[], databasePath: string) {
  return spawnSync(process.execPath, [BIN, 'ingest', ...args], { env: { ...process.env, DATABASE_PATH: databasePath }, encoding: 'utf8' });
}

describe('patronage-fhir-gateway ingest', () => {
  it('parses its options', () => {
    expect(parseIngestArgs(['--dry-run', '--source', 'pk-3', 'a.csv'])).toEqual({ files: ['a.csv'], dryRun: true, source: 'pk-3', format: 'text' });
    expect(() => parseIngestArgs([])).toThrow('no file given');
    expect(() => parseIngestArgs(['--bogus', 'a.csv'])).toThrow('unknown option --bogus');
  });

  it('ingests files into the database, a dry run stores nothing, and a rejected record is reported with its location', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ingest-cli-'));
    const db = join(dir, 'db.sqlite');
    const dry = cli(['--dry-run', `${SAMPLES}visits.json`], db);
    expect(dry.stdout).toContain('25 records: 25 created, 0 updated, 0 unchanged, 0 rejected');
    const first = cli([`${SAMPLES}visits.json`], db);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('25 records: 25 created');
    expect(first.stderr).toContain('[1/1]');
    expect(first.stderr).toContain('visits.json: 25 records');
    // Not a terminal: a bar line at each tenth, then the last one.
    const counts = [...first.stderr.matchAll(/\] +(\d+)\/25 records/g)].map((m) => Number(m[1]));
    expect(counts).toEqual([3, 5, 8, 10, 13, 15, 18, 20, 23, 25]);
    const again = cli([`${SAMPLES}visits.json`], db);
    expect(again.stdout).toContain('25 records: 0 created, 0 updated, 25 unchanged, 0 rejected');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ record_id: 'X-1', polyclinic_bin: '090140777557' }));
    const rejected = cli([bad], db);
    expect(rejected.status).toBe(1);
    expect(rejected.stdout).toMatch(/X-1.*child.*required|X-1: child/);
  }, 120_000);
});
