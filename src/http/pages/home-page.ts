/**
 * `GET /`: what the gateway is, for a developer integrating with it, and where to go next.
 * @module
 */
import { html } from 'hono/html';
import { layout } from './layout.js';

/** The home page; `fhirBase` is the FHIR base URL clients use. */
export function homePage(fhirBase: string) {
  return layout(
    'Home',
    html`<h1>Patronage FHIR gateway</h1>
      <p>
        A FHIR R4 gateway for Kazakhstan's universal progressive patronage programme: polyclinic systems, nurse apps and
        maternity hospitals send home-visit records here; the gateway validates them against FHIR R4 and the programme's
        implementation guide, stores them and answers searches.
      </p>
      <h2>Start here</h2>
      <ul>
        <li>
          <a href="/api">API reference</a>: every interaction and operation, with try-it against this server (<a
            href="/openapi.json"
            >OpenAPI 3.1</a
          >)
        </li>
        <li>
          <a href="/guide">Implementation guide</a>: profiles, value sets in Kazakh, Russian and English, examples, the
          visit schedule
        </li>
        <li><a href="/fhir/metadata">CapabilityStatement</a> at <code>${fhirBase}/metadata</code></li>
      </ul>
      <h2>Formats</h2>
      <p>
        FHIR JSON only: send <code>Content-Type: application/fhir+json</code> (JSON Patch as
        <code>application/json-patch+json</code>); <code>_format=json</code> and <code>_pretty=true</code> are accepted.
        Every error is an <code>OperationOutcome</code> naming the element at fault and carrying an
        <code>X-Request-Id</code>.
      </p>
      <h2>Running it</h2>
      <ul>
        <li><a href="/healthz">/healthz</a>: the process answers</li>
        <li><a href="/readyz">/readyz</a>: database reachable, migrations applied, guide loaded (503 otherwise)</li>
        <li><a href="/metrics">/metrics</a>: Prometheus metrics (Node only)</li>
      </ul>`,
  );
}
