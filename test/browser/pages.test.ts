// A real headless Chromium (the machine's `chromium`, driven by playwright-core) walks the pages
// a developer would: home → API reference → one try-it request → a profile page of the guide.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer, type RunningServer } from '../runtime/node-server.js';

/** The Chromium executable: CHROMIUM_PATH, else `chromium` on PATH; undefined when none. */
function findChromium(): string | undefined {
  const given = process.env.CHROMIUM_PATH;
  if (given && existsSync(given)) return given;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const path = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (path) return path;
    } catch {
      // not on PATH; try the next name
    }
  }
  return undefined;
}

const executable = findChromium();
const NO_CHROMIUM = 'no Chromium found (set CHROMIUM_PATH or `apt-get install -y chromium`; .ci/run installs it)';

describe.skipIf(!executable)(`pages in a real browser${executable ? '' : `: skipped, ${NO_CHROMIUM}`}`, () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startNodeServer();
    browser = await chromium.launch({ executablePath: executable!, headless: true, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(
    'follows home → API reference, runs a read with try-it, then opens a profile page',
    { timeout: 120_000 },
    async () => {
      const page = await browser.newPage();
      // The API page renders the whole OpenAPI document in Swagger UI: on a machine loaded by
      // other work that took over Playwright's 30 s default once (CI under load 12).
      page.setDefaultTimeout(60_000);
      const origin = new URL(server.baseUrl).origin;
      await page.goto(`${origin}/`);
      expect(await page.locator('h1').textContent()).toBe('Patronage FHIR gateway');

      await page.locator('main a', { hasText: 'API reference' }).click();
      await page.waitForURL(`${origin}/api`);
      await page.locator('#operations-tag-Patient').click();
      const read = page.locator('#operations-Patient-Patient-read');
      await read.locator('.opblock-summary').click();
      await read.locator('.try-out__btn').click();
      await read.locator('input[placeholder="id"]').fill('demo-child');
      await read.locator('button.execute').click();
      const status = read.locator('.live-responses-table tr.response .response-col_status').first();
      await status.waitFor({ timeout: 30_000 });
      expect((await status.textContent())?.trim()).toBe('200');
      expect(await read.locator('.live-responses-table .microlight').first().textContent()).toContain(
        '"id": "demo-child"',
      );

      await page.locator('header a', { hasText: 'Implementation guide' }).click();
      await page.locator('a[href="/guide/StructureDefinition/kz-patient"]').click();
      await page.waitForURL(`${origin}/guide/StructureDefinition/kz-patient`);
      expect(await page.locator('h2').allTextContents()).toEqual(['Differential', 'Snapshot']);
      expect(await page.locator('table').first().textContent()).toContain('Patient.identifier');
    },
  );
});
