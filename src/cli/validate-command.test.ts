import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
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

describe('validate command', () => {
  it('parses options and files, and rejects a missing value or file', () => {
    expect(parseValidateArgs(['--profile', 'http://x/p', 'a.json', 'b.json'])).toEqual({
      files: ['a.json', 'b.json'],
      profile: 'http://x/p',
    });
    expect(() => parseValidateArgs(['--profile'])).toThrow('--profile needs a value');
    expect(() => parseValidateArgs([])).toThrow('no FILE');
    expect(() => parseValidateArgs(['--unknown-profile', 'maybe', 'a.json'])).toThrow('error, warning or ignore');
  });

  it('prints one OperationOutcome per file and returns 1 when any file has an error', () => {
    const lines: string[] = [];
    const [good, bad, notJson] = files({ 'good.json': GOOD, 'bad.json': BAD, 'not.json': '{' });
    expect(runValidate([good!], (l) => lines.push(l))).toBe(0);
    expect(runValidate([good!, bad!, notJson!], (l) => lines.push(l))).toBe(1);
    const outcomes = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as fhir4.OperationOutcome);
    expect(outcomes).toHaveLength(4);
    expect(outcomes[2]!.issue[0]!.expression).toEqual(['Patient.gender']);
    expect(outcomes[3]!.issue[0]!.code).toBe('structure');
  });

  it('runs as the package bin and exits non-zero on errors', () => {
    const bin = fileURLToPath(new URL('../../bin/patronage-fhir-gateway.mjs', import.meta.url));
    const [good, bad] = files({ 'good.json': GOOD, 'bad.json': BAD });
    const output = execFileSync('node', [bin, 'validate', good!], { encoding: 'utf8' });
    expect(output).toContain('"resourceType": "OperationOutcome"');
    expect(output).not.toContain('"severity": "error"');
    expect(() => execFileSync('node', [bin, 'validate', bad!], { stdio: 'pipe' })).toThrow();
  });
});
