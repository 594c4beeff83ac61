// The HTML pages over HTTP, without a browser: what each page must show (issue 16). The browser
// walk is test/browser/pages.test.ts.
import { describe, expect, it } from 'vitest';
import { useNodeServer } from './fhir-client.js';

const served = useNodeServer({}, { auditCheck: true });
const get = (path: string) => fetch(`${new URL(served.server.baseUrl).origin}${path}`);

describe('pages', () => {
  it('serves a home page linking the API reference, the guide, /metadata, the OpenAPI document and health', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const page = await res.text();
    for (const href of ['/api', '/guide', '/fhir/metadata', '/openapi.json', '/healthz', '/readyz']) {
      expect(page).toContain(`href="${href}"`);
    }
  });

  it('serves the API viewer and its files from the app itself', async () => {
    const page = await (await get('/api')).text();
    expect(page).toContain('src="/api/assets/swagger-ui-bundle.js"');
    const bundle = await get('/api/assets/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
    expect((await get('/api/assets/index.html')).status).toBe(404);
  });

  it('shows a value set with its Kazakh, Russian and English displays', async () => {
    const page = await (await get('/guide/ValueSet/danger-sign')).text();
    expect(page).toMatch(/<th>Қазақша \(kk\)<\/th>\s*<th>Русский \(ru\)<\/th>\s*<th>English \(en\)<\/th>/);
    expect(page).toMatch(
      /<td><code>unable-to-feed<\/code><\/td>\s*<td>Еме алмайды<\/td>\s*<td>Не может сосать<\/td>\s*<td>Unable to feed or suck<\/td>/,
    );
  });

  it('shows a profile with differential and snapshot, an example and the visit schedule', async () => {
    const profile = await (await get('/guide/StructureDefinition/kz-patient')).text();
    expect(profile).toContain('<h2>Differential</h2>');
    expect(profile).toContain('<h2>Snapshot</h2>');
    const example = await get('/guide/examples/Patient/patient-ainur');
    expect(example.status).toBe(200);
    expect(await example.text()).toContain('&quot;resourceType&quot;: &quot;Patient&quot;');
    const schedule = await (await get('/guide/visit-schedule')).text();
    expect(schedule).toContain('<code>AN1</code>');
    expect(schedule).toContain('<code>U-36M</code>');
    expect((await get('/guide/StructureDefinition/no-such-profile')).status).toBe(404);
  });
});
