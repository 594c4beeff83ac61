// Bindings the workers tests see through `env` from "cloudflare:workers": those of wrangler.toml
// plus TEST_MIGRATIONS from vitest.config.ts. Declaration merging needs the namespace form.
declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    LOAD_DEMO_DATA: string;
    MAX_BODY_BYTES: string;
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
  }
  interface GlobalProps {
    mainModule: typeof import('../../src/entry/worker.js');
  }
}
