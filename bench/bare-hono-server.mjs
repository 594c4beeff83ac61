// The anchor of server.bench.ts: a bare Hono route answering a fixed JSON body on
// @hono/node-server, alone in its process, so its CPU per request compares with the gateway's.
// Plain JavaScript, run by node itself like the built gateway. Prints `listening on <origin>`.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import process from 'node:process';

const body = JSON.parse(process.argv[2] ?? '{}');
const app = new Hono().get('/anchor', (c) => c.json(body));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
  process.stdout.write(`listening on http://127.0.0.1:${info.port}\n`),
);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
