// The Dockerfile and compose.yaml, checked without a container engine (none runs on CI
// machines): dockerfile-utils' linter (the one of the VS Code Docker extension) finds no problem,
// and the rules of issue 16 hold: a small base, a non-root user, a health check on /readyz.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dockerfile = readFileSync(`${ROOT}Dockerfile`, 'utf8');
const instructions = DockerfileParser.parse(dockerfile).getInstructions();
const named = (keyword: string) => instructions.filter((i) => i.getKeyword() === keyword);

describe('Dockerfile', () => {
  it('has no lint problem', () => {
    const problems = validate(dockerfile).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
    expect(problems).toEqual([]);
  });

  it('builds on pinned slim Node images', () => {
    const bases = named('FROM').map((i) => i.getArgumentsContent() ?? '');
    expect(bases.length).toBeGreaterThanOrEqual(2);
    for (const base of bases) expect(base).toMatch(/^node:\d+\.\d+-bookworm-slim\b/);
  });

  it('runs as a non-root user, with a health check on /readyz and the Node entry', () => {
    const lastFrom = instructions.lastIndexOf(named('FROM').at(-1)!);
    const runtime = instructions.slice(lastFrom);
    const user = runtime.find((i) => i.getKeyword() === 'USER')?.getArgumentsContent();
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    expect(runtime.find((i) => i.getKeyword() === 'HEALTHCHECK')?.getArgumentsContent()).toContain('/readyz');
  });

  it('starts the compiled entry as `npm start` does, with the same Node flags', () => {
    const start = (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { scripts: { start: string } }).scripts
      .start;
    const cmd = named('CMD').at(-1)?.getArgumentsContent() ?? '';
    const asWords = JSON.parse(cmd) as string[];
    expect(asWords).toEqual(start.replace(/^exec /, '').split(' '));
    expect(named('RUN').some((i) => i.getArgumentsContent()?.includes('scripts/build-node.mjs'))).toBe(true);
  });

  it('copies everything the entry loads at run time', () => {
    const copied = named('COPY').map((i) => i.getArgumentsContent() ?? '');
    const isCopied = (path: string) => copied.some((args) => args.split(/\s+/).includes(path));
    for (const path of ['package.json', 'migrations', 'src', 'bin']) expect(isCopied(path)).toBe(true);
    // Every folder of the repository an entry module reads beside itself (`new URL('../../x', …)`).
    const entryDir = `${ROOT}src/entry/`;
    const read = readdirSync(entryDir)
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
      .flatMap((name) => [...readFileSync(entryDir + name, 'utf8').matchAll(/new URL\('\.\.\/\.\.\/([\w-]+)'/g)])
      .map((match) => match[1]!);
    expect(read).toContain('mappings');
    for (const folder of new Set(read)) expect(isCopied(folder), folder).toBe(true);
  });
});

describe('compose.yaml', () => {
  const compose = readFileSync(`${ROOT}compose.yaml`, 'utf8');

  it('runs the gateway on PostgreSQL through DATABASE_URL, started once the database is healthy', () => {
    expect(compose).toMatch(/DATABASE_URL: postgres:\/\/gateway:gateway@postgres:5432\/gateway/);
    expect(compose).toMatch(/condition: service_healthy/);
    expect(compose).toMatch(/pg_isready/);
  });
});
