// Every README block fenced as "```sh example" runs in order against one fresh server, and each
// command gives the answer its "# → status [part of the body]" line documents (issue 16).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useNodeServer } from './fhir-client.js';

interface Example {
  command: string;
  status: number;
  bodyPart?: string;
}

const README = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');

/** The commands and documented answers of the README's example blocks, in order. */
function readmeExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  for (const [, , block] of [...markdown.matchAll(/^( *)```sh example\n([\s\S]*?)^\1```/gm)]) {
    let pending: string[] = [];
    for (const line of block!.split('\n').map((l) => l.trim())) {
      const answer = /^# → (\d{3})(?: (.+))?$/.exec(line);
      if (answer) {
        examples.push({
          command: pending.join('\n'),
          status: Number(answer[1]),
          ...(answer[2] ? { bodyPart: answer[2] } : {}),
        });
        pending = [];
      } else if (line !== '' && !line.startsWith('B=')) {
        pending.push(line);
      }
    }
    expect(pending, 'every command in an example block is followed by its answer').toEqual([]);
  }
  return examples;
}

const hasCurl = (() => {
  try {
    execFileSync('curl', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const served = useNodeServer();

describe.skipIf(!hasCurl)(`README examples${hasCurl ? '' : ': skipped, curl is not installed'}`, () => {
  const examples = readmeExamples(README);

  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(12);
  });

  it('gives every documented answer, in order, on a fresh server', () => {
    for (const example of examples) {
      // The command's own output, then the status on a line of its own.
      const output = execFileSync('sh', ['-c', `${example.command} -w '\\n%{http_code}'`], {
        env: { ...process.env, B: served.server.baseUrl },
        encoding: 'utf8',
      });
      const newline = output.lastIndexOf('\n');
      const body = output.slice(0, newline);
      const status = Number(output.slice(newline + 1));
      expect({ command: example.command, status }).toEqual({ command: example.command, status: example.status });
      if (example.bodyPart) expect(body, example.command).toContain(example.bodyPart);
    }
  });
});
