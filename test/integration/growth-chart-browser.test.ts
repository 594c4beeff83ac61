/**
 * The growth chart in a real headless Chromium (decision 025): the SVG the real server answers is
 * opened as a phone would (360 px wide), and each plotted point is mapped back from its rendered
 * position on the screen through the plot's axes to the measurement it shows. Skipped, saying
 * why, when no Chromium is installed (set CHROMIUM_PATH to point at one).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WHO_GROWTH_FIXTURES } from '../growth/growth-tables-fixture.js';
import { useNodeServer, type ClientBody } from './fhir-client.js';

const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']
  .filter((path): path is string => !!path)
  .find((path) => existsSync(path));

const DAYS_PER_MONTH = 30.4375;
/** A girl born on 2025-01-01 and her weights: [days of age, date, kg]. */
const WEIGHTS = [
  [0, '2025-01-01', 3.2],
  [31, '2025-02-01', 4.4],
  [90, '2025-04-01', 6.1],
  [243, '2025-09-01', 7.0],
] as const;

/** What the page reports of the rendered chart. */
interface Rendered {
  plot: { left: number; top: number; width: number; height: number };
  axes: { xMin: number; xMax: number; yMin: number; yMax: number };
  points: { x: number; y: number; visible: boolean }[];
  titleWidth: number;
  titleText: string;
}

describe.skipIf(!CHROMIUM)(
  `the growth chart in headless Chromium (${CHROMIUM ?? 'skipped: no Chromium found'})`,
  () => {
    const served = useNodeServer({ WHO_GROWTH_DIR: WHO_GROWTH_FIXTURES, LOAD_DEMO_DATA: 'false' });
    let browser: Browser;

    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: CHROMIUM!, args: ['--no-sandbox'] });
    });
    afterAll(async () => {
      await browser?.close();
    });

    async function girlWithWeights(): Promise<string> {
      const patient = (await served.client.create({
        resourceType: 'Patient',
        body: { resourceType: 'Patient', gender: 'female', birthDate: '2025-01-01' },
      })) as unknown as { id: string };
      for (const [, date, kg] of WEIGHTS) {
        const body = {
          resourceType: 'Observation',
          status: 'final',
          code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] },
          subject: { reference: `Patient/${patient.id}` },
          effectiveDateTime: date,
          valueQuantity: { value: kg, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
        } as ClientBody<fhir4.Observation>;
        await served.client.create({ resourceType: 'Observation', body });
      }
      return patient.id;
    }

    it('plots each weight where its age and value put it on the rendered axes', async () => {
      const id = await girlWithWeights();
      const page = await browser.newPage({ viewport: { width: 360, height: 640 }, locale: 'ru-RU' });
      const response = await page.goto(`${served.server.baseUrl}/Patient/${id}/$growth-chart?indicator=weight-for-age`);
      expect(response?.status()).toBe(200);
      const rendered: Rendered = await page.evaluate(() => {
        const plot = document.querySelector('g.plot')!;
        const frame = plot.querySelector('rect')!.getBoundingClientRect();
        const data = (name: string) => Number(plot.getAttribute(`data-${name}`));
        const points = [...document.querySelectorAll('circle.measurement')].map((circle) => {
          const box = circle.getBoundingClientRect();
          return { x: box.left + box.width / 2, y: box.top + box.height / 2, visible: box.width > 0 && box.height > 0 };
        });
        const title = document.querySelector('svg > text')!.getBoundingClientRect();
        return {
          plot: { left: frame.left, top: frame.top, width: frame.width, height: frame.height },
          axes: { xMin: data('x-min'), xMax: data('x-max'), yMin: data('y-min'), yMax: data('y-max') },
          points,
          titleWidth: title.width,
          titleText: document.querySelector('svg > text')!.textContent ?? '',
        };
      });
      await page.close();

      // The chart fills the phone's width and its Russian title is laid out.
      expect(rendered.plot.width).toBeGreaterThan(200);
      expect(rendered.plot.left + rendered.plot.width).toBeLessThanOrEqual(360);
      expect(rendered.titleWidth).toBeGreaterThan(100);
      expect(rendered.titleText).toBe('Масса тела к возрасту, девочки');
      // Screen position → data: the inverse of the plot's linear axes (y grows downwards on screen).
      const { plot, axes } = rendered;
      const read = rendered.points.map((p) => ({
        months: axes.xMin + ((p.x - plot.left) / plot.width) * (axes.xMax - axes.xMin),
        kg: axes.yMin + ((plot.top + plot.height - p.y) / plot.height) * (axes.yMax - axes.yMin),
        visible: p.visible,
      }));
      expect(read).toHaveLength(WEIGHTS.length);
      // One screen pixel is about 0.1 month and 0.05 kg here; allow half of that.
      read.forEach((point, index) => {
        const [days, , kg] = WEIGHTS[index]!;
        expect(point.visible).toBe(true);
        expect(point.months).toBeCloseTo(days / DAYS_PER_MONTH, 1);
        expect(Math.abs(point.kg - kg)).toBeLessThan(0.03);
      });
    });
  },
);
