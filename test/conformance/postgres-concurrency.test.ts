// Concurrency on a real PostgreSQL server, through the store with a pool of parallel connections:
// the history position is commit-ordered (a page set pinned by `upTo` never gains a row later),
// and racing units of work are retried, not failed, when PostgreSQL aborts one for serializability.
// PGlite has one connection and no parallel transactions, so without the server this file is skipped.
import { describe, expect, it } from 'vitest';
import { WriteConflictError } from '../../src/storage/port.js';
import { createSqlResourceStore } from '../../src/storage/sql/sql-resource-store.js';
import { postgresDrivers, serverReachable } from './postgres-harness.js';
import { put } from './resource-store-fixtures.js';

const drivers = postgresDrivers();

describe.skipIf(!serverReachable)('PostgreSQL store under parallel connections', () => {
  it('never adds a version below a history position that a reader has already seen', async () => {
    const store = createSqlResourceStore(await drivers.open({ poolSize: 12 }));
    const seen: { upTo: number; total: number }[] = [];
    let writing = true;
    const writers = Array.from({ length: 10 }, async (_, w) => {
      for (let i = 0; i < 30; i++) {
        // Index rows make each unit long enough for commits to overtake one another.
        const write = put('Observation', `w${w}-${i}`, 1, { body: { status: 'final', code: { text: `c${i}` } } });
        await store.commit({ writes: [write] });
      }
    });
    const reader = (async () => {
      while (writing) {
        const page = await store.history({ count: 1, offset: 0 });
        seen.push({ upTo: page.upTo, total: page.total });
      }
    })();
    await Promise.all(writers);
    writing = false;
    await reader;
    expect(seen.length).toBeGreaterThan(5);
    for (const { upTo, total } of seen) {
      const again = await store.history({ count: 1, offset: 0, upTo });
      expect(again.total, `versions at or below position ${upTo}`).toBe(total);
    }
    expect((await store.history({ count: 1, offset: 0 })).total).toBe(300);
  });

  for (const guardTableEachUnit of [false, true]) {
    const where = guardTableEachUnit ? 'made in each unit (Hyperdrive mode)' : 'made once per connection';
    it(`lets exactly one of sixty units guarded by "no Patient exists yet" commit, guard table ${where}`, async () => {
      const store = createSqlResourceStore(await drivers.open({ poolSize: 12, guardTableEachUnit }));
      const results = await Promise.allSettled(
        Array.from({ length: 60 }, (_, i) =>
          store.commit({
            writes: [put('Patient', `p${i}`, 1, { body: { gender: 'female' } })],
            // A search guard with no conditions matches any Patient: the conditional create of "the first one".
            guards: [{ resourceType: 'Patient', conditions: [] }],
          }),
        ),
      );
      const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      expect(results.length - failures.length).toBe(1);
      // Every loser is a lost race (retried past serialization failures), never a database error.
      for (const failure of failures) expect(failure).toBeInstanceOf(WriteConflictError);
      expect((await store.history({ resourceType: 'Patient', count: 1, offset: 0 })).total).toBe(1);
    });
  }
});
