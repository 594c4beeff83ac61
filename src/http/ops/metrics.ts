/**
 * A small metrics registry rendered in the Prometheus text format: counters and histograms with
 * labels, Web-standard code only. The Node entry creates one and serves it at `/metrics`; on
 * Workers no registry is created (an isolate's counters would describe one isolate only).
 * @see https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format
 * @module
 */

/** Label values of one series, in the order of the metric's label names. */
export type Labels = Readonly<Record<string, string>>;

/** Content type of the Prometheus text format. */
export const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

interface MetricShape {
  name: string;
  help: string;
  labelNames: readonly string[];
}

/** A monotonically increasing count per label set. */
export class Counter {
  private readonly series = new Map<string, { labels: Labels; value: number }>();

  constructor(readonly shape: MetricShape) {}

  /** Adds `amount` (1 by default) to the series of `labels`. */
  inc(labels: Labels, amount = 1): void {
    const key = seriesKey(this.shape.labelNames, labels);
    const entry = this.series.get(key);
    if (entry) entry.value += amount;
    else this.series.set(key, { labels, value: amount });
  }

  /** The exposition lines of this counter. */
  render(): string[] {
    const lines = header(this.shape, 'counter');
    for (const { labels, value } of this.series.values()) {
      lines.push(`${this.shape.name}${labelText(this.shape.labelNames, labels)} ${value}`);
    }
    return lines;
  }
}

interface HistogramSeries {
  labels: Labels;
  buckets: number[];
  sum: number;
  count: number;
}

/** Observed values per label set, counted into fixed upper bounds (seconds, by convention). */
export class Histogram {
  private readonly series = new Map<string, HistogramSeries>();

  constructor(
    readonly shape: MetricShape,
    private readonly bounds: readonly number[],
  ) {}

  /** Records one observation of `value` in the series of `labels`. */
  observe(labels: Labels, value: number): void {
    const key = seriesKey(this.shape.labelNames, labels);
    let entry = this.series.get(key);
    if (!entry) {
      entry = { labels, buckets: this.bounds.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, entry);
    }
    const index = this.bounds.findIndex((bound) => value <= bound);
    if (index >= 0) entry.buckets[index]! += 1;
    entry.sum += value;
    entry.count += 1;
  }

  /** The exposition lines of this histogram: cumulative buckets, sum and count per series. */
  render(): string[] {
    const { name, labelNames } = this.shape;
    const lines = header(this.shape, 'histogram');
    for (const { labels, buckets, sum, count } of this.series.values()) {
      let cumulative = 0;
      this.bounds.forEach((bound, i) => {
        cumulative += buckets[i]!;
        lines.push(`${name}_bucket${labelText([...labelNames, 'le'], { ...labels, le: String(bound) })} ${cumulative}`);
      });
      lines.push(`${name}_bucket${labelText([...labelNames, 'le'], { ...labels, le: '+Inf' })} ${count}`);
      lines.push(`${name}_sum${labelText(labelNames, labels)} ${sum}`);
      lines.push(`${name}_count${labelText(labelNames, labels)} ${count}`);
    }
    return lines;
  }
}

function header(shape: MetricShape, type: string): string[] {
  return [`# HELP ${shape.name} ${shape.help}`, `# TYPE ${shape.name} ${type}`];
}

function seriesKey(names: readonly string[], labels: Labels): string {
  return names.map((name) => labels[name] ?? '').join('\u0000');
}

function labelText(names: readonly string[], labels: Labels): string {
  if (names.length === 0) return '';
  return `{${names.map((name) => `${name}="${escapeLabel(labels[name] ?? '')}"`).join(',')}}`;
}

/** @see https://prometheus.io/docs/instrumenting/exposition_formats/#comments-help-text-and-type-information */
function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
