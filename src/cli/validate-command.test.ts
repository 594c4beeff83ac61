import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import { parseValidateArgs, runValidate } from './validate-command.js';

function files(contents: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'validate-cli-'));
  return Object.entries(contents).map(([name, text]) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  });
}

const GOOD = JSON.stringify({ resourceType: 'Organization', name: 'Polyclinic' });
const BAD = JSON.stringify({ resourceType: 'Patient', gender: 'x' });
/** A type the server does not store: the CLI validates every R4 type. */
const COMMUNICATION = JSON.stringify({ resourceType: 'Communication', status: 'completed' });
const BIN = fileURLToPath(new URL('../../bin/patronage-fhir-gateway.mjs', import.meta.url));

function run(argv: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }) as number;
  return { code, out, err };
}

describe('validate command', () => {
  it('parses options and files, and rejects a missing value, a bad format or no file', () => {
    expect(parseValidateArgs(['--profile', 'http://x/p', '--format', 'json', 'a.json', 'b.json'])).toEqual({
      files: ['a.json', 'b.json'],
      profile: 'http://x/p',
      format: 'json',
    });
    expect(() => parseValidateArgs(['--profile'])).toThrow('--profile needs a value');
    expect(() => parseValidateArgs([])).toThrow('no FILE');
    expect(() => parseValidateArgs(['--unknown-profile', 'maybe', 'a.json'])).toThrow('error, warning or ignore');
    expect(() => parseValidateArgs(['--format', 'xml', 'a.json'])).toThrow('--format must be text or json');
  });

  it('--format json prints exactly one compact OperationOutcome per file, in order, and nothing else', () => {
    const lines: string[] = [];
    const [good, bad, notJson, other] = files({
      'good.json': GOOD,
      'bad.json': BAD,
      'not.json': '{',
      'communication.json': COMMUNICATION,
    });
    expect(runValidate(['--format', 'json', good!, bad!, notJson!, other!], (l) => lines.push(l))).toBe(1);
    expect(lines).toHaveLength(4);
    const outcomes = lines.map((l) => JSON.parse(l) as fhir4.OperationOutcome);
    expect(outcomes.map((o) => o.resourceType)).toEqual(Array(4).fill('OperationOutcome'));
    expect(outcomes[0]!.issue.some((i) => i.severity === 'error')).toBe(false);
    expect(outcomes[1]!.issue[0]!.expression).toEqual(['Patient.gender']);
    expect(outcomes[2]!.issue[0]!.code).toBe('structure');
    expect(outcomes[3]!.issue.some((i) => i.severity === 'error')).toBe(false);
  });

  it('text output lists the issues and ends with one summary line per file', () => {
    const lines: string[] = [];
    const [good, bad] = files({ 'good.json': GOOD, 'bad.json': BAD });
    expect(runValidate([good!, bad!], (l) => lines.push(l))).toBe(1);
    expect(lines.some((l) => l.startsWith('  error code-invalid Patient.gender: '))).toBe(true);
    expect(lines.slice(-2)).toEqual([`${good}: valid (0 errors, 1 warning)`, `${bad}: INVALID (1 error, 1 warning)`]);
  });

  it('--help prints the usage and both formats, exit 0; a wrong command line exits 2', () => {
    for (const argv of [['--help'], ['-h'], ['validate', '--help']]) {
      const { code, out } = run(argv);
      expect(code).toBe(0);
      expect(out.join('\n')).toContain('--format json');
    }
    expect(run(['validate', '--colour', 'a.json']).code).toBe(2);
    expect(run([]).code).toBe(2);
  });

  it('runs as the package bin: json on stdout only, exit 1 on errors, --help exit 0', () => {
    const [good, bad] = files({ 'good.json': GOOD, 'bad.json': BAD });
    const output = execFileSync('node', [BIN, 'validate', '--format', 'json', good!], { encoding: 'utf8' });
    expect(
      output
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as fhir4.OperationOutcome).resourceType),
    ).toEqual(['OperationOutcome']);
    const failed = spawnSync('node', [BIN, 'validate', bad!], { encoding: 'utf8' });
    expect(failed.status).toBe(1);
    expect(failed.stdout.trim().split('\n').at(-1)).toBe(`${bad}: INVALID (1 error, 1 warning)`);
    const help = spawnSync('node', [BIN, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('usage: patronage-fhir-gateway validate');
  });
});
