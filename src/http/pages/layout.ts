/**
 * The frame of the gateway's HTML pages: one small stylesheet, a navigation bar, no scripts
 * except where a page brings its own (the API reference).
 * @module
 */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const STYLE = `
body{font-family:system-ui,sans-serif;margin:0;color:#1d2433;line-height:1.45}
header{background:#0b5f7a;color:#fff;padding:.6rem 1.2rem}header a{color:#fff;margin-right:1.1rem;text-decoration:none}
main{padding:1rem 1.2rem;max-width:72rem}table{border-collapse:collapse;margin:.5rem 0 1.2rem;font-size:.92rem}
th,td{border:1px solid #c9d1dc;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#eef2f6}
code,pre{font-family:ui-monospace,monospace;font-size:.9rem}pre{background:#f5f7fa;padding:.6rem;overflow:auto}`;

/** A whole HTML page with the site navigation. */
export function layout(title: string, body: Html, head: Html | string = ''): Html {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · Patronage FHIR gateway</title>
        <style>
          ${STYLE}
        </style>
        ${head}
      </head>
      <body>
        <header>
          <nav>
            <a href="/">Home</a><a href="/api">API reference</a><a href="/guide">Implementation guide</a
            ><a href="/fhir/metadata">/fhir/metadata</a><a href="/readyz">Health</a>
          </nav>
        </header>
        <main>${body}</main>
      </body>
    </html>`;
}
