import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MIGRATION_NAMES } from './applied-migrations.js';

describe('MIGRATION_NAMES', () => {
  it('lists exactly the .sql files of migrations/, in order', () => {
    const folder = fileURLToPath(new URL('../../../migrations', import.meta.url));
    const files = readdirSync(folder)
      .filter((name) => name.endsWith('.sql'))
      .sort();
    expect([...MIGRATION_NAMES]).toEqual(files);
  });
});
