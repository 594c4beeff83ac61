/**
 * Draws a {@link ChartModel} as a standalone SVG sized for a phone (360 × 480 user units, scaled
 * to the screen width). The plot area carries its data ranges as `data-*` attributes and each
 * point its data values, so a reader (or a test) can map pixels back to measurements.
 * @see https://www.w3.org/TR/SVG11/
 * @module
 */
import type { ChartLabels } from './chart-labels.js';
import type { ChartModel } from './chart-model.js';

/** The SVG canvas and the plot area inside it, in user units. */
export const CHART_FRAME = { width: 360, height: 480, left: 52, right: 34, top: 48, bottom: 64 } as const;

const SD_COLOURS: Readonly<Record<number, string>> = {
  0: '#1b7f3b',
  1: '#c9a227',
  [-1]: '#c9a227',
  2: '#c0392b',
  [-2]: '#c0392b',
  3: '#222222',
  [-3]: '#222222',
};

/** The SVG text of `model` with `labels`. */
export function renderChartSvg(model: ChartModel, labels: ChartLabels): string {
  const { width, height, left, right, top, bottom } = CHART_FRAME;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const sx = (x: number) => left + ((x - model.xMin) / (model.xMax - model.xMin)) * plotWidth;
  const sy = (y: number) => top + plotHeight - ((y - model.yMin) / (model.yMax - model.yMin)) * plotHeight;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" ` +
      `aria-labelledby="chart-title" xml:lang="${labels.language}" font-family="sans-serif">`,
    `<title id="chart-title">${escapeXml(labels.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(labels.title)}</text>`,
    `<g class="plot" data-x-min="${model.xMin}" data-x-max="${model.xMax}" data-y-min="${model.yMin}" ` +
      `data-y-max="${model.yMax}" data-left="${left}" data-top="${top}" data-width="${plotWidth}" data-height="${plotHeight}">`,
    `<rect x="${left}" y="${top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#999999"/>`,
    ...gridAndTicks(model, sx, sy),
    ...model.curves.map(
      (curve) =>
        `<path class="sd-curve" data-sd="${curve.sd}" fill="none" stroke="${SD_COLOURS[curve.sd]}" ` +
        `stroke-width="${curve.sd === 0 ? 2 : 1.2}" d="${pathOf(curve.points.map(([x, y]) => [sx(x), sy(y)]))}"/>`,
    ),
    ...model.curves.map((curve) => {
      const [x, y] = curve.points.at(-1)!;
      return `<text x="${fixed(sx(x) + 3)}" y="${fixed(sy(y) + 4)}" font-size="10" fill="${SD_COLOURS[curve.sd]}">${sdLabel(curve.sd)}</text>`;
    }),
    ...pointsOf(model, sx, sy),
    '</g>',
    `<text x="${left + plotWidth / 2}" y="${height - 30}" text-anchor="middle" font-size="12">${escapeXml(labels.xAxis)}</text>`,
    `<text transform="translate(14 ${top + plotHeight / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escapeXml(labels.yAxis)}</text>`,
    `<text x="${width / 2}" y="${height - 10}" text-anchor="middle" font-size="9" fill="#666666">${escapeXml(labels.source)}</text>`,
  ];
  if (model.points.length === 0) {
    parts.splice(
      -1,
      0,
      `<text x="${left + plotWidth / 2}" y="${top + 20}" text-anchor="middle" font-size="12">${escapeXml(labels.noPoints)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}

function pointsOf(model: ChartModel, sx: (x: number) => number, sy: (y: number) => number): string[] {
  if (model.points.length === 0) return [];
  const line = `<path class="child-line" fill="none" stroke="#1f4e9c" stroke-width="1.5" d="${pathOf(model.points.map((p) => [sx(p.x), sy(p.y)]))}"/>`;
  return [
    line,
    ...model.points.map(
      (p) =>
        `<circle class="measurement" cx="${fixed(sx(p.x))}" cy="${fixed(sy(p.y))}" r="4" fill="#1f4e9c" ` +
        `data-x="${p.x}" data-y="${p.y}" data-date="${p.date}" data-observation="${escapeXml(p.observationId)}"/>`,
    ),
  ];
}

function gridAndTicks(model: ChartModel, sx: (x: number) => number, sy: (y: number) => number): string[] {
  const out: string[] = [];
  const { left, top, width, right, height, bottom } = CHART_FRAME;
  for (const x of ticks(model.xMin, model.xMax, 6)) {
    out.push(`<line x1="${fixed(sx(x))}" y1="${top}" x2="${fixed(sx(x))}" y2="${height - bottom}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${fixed(sx(x))}" y="${height - bottom + 14}" text-anchor="middle" font-size="10">${x}</text>`);
  }
  for (const y of ticks(model.yMin, model.yMax, 8)) {
    out.push(`<line x1="${left}" y1="${fixed(sy(y))}" x2="${width - right}" y2="${fixed(sy(y))}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${left - 4}" y="${fixed(sy(y) + 3)}" text-anchor="end" font-size="10">${y}</text>`);
  }
  return out;
}

/** Round tick values between `min` and `max`, about `count` of them: the 1, 2 or 5 × 10^n step nearest the even split. */
export function ticks(min: number, max: number, count: number): number[] {
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10]
    .map((f) => f * magnitude)
    .reduce((best, s) => (Math.abs(s - raw) < Math.abs(best - raw) ? s : best));
  const values: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + 1e-9; v += step) values.push(Number(v.toFixed(6)));
  return values;
}

function pathOf(points: readonly (readonly [number, number])[]): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${fixed(x)} ${fixed(y)}`).join(' ');
}

function sdLabel(sd: number): string {
  return sd === 0 ? '0' : sd > 0 ? `+${sd}` : `−${-sd}`;
}

function fixed(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
