/** One sample line of the exposition. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  help: string;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SUFFIXES: Record<MetricFamily['type'], string[]> = {
  counter: [''],
  gauge: [''],
  untyped: [''],
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
};

function parseValue(text: string, line: number): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`line ${line}: bad value "${text}"`);
  return Number(text);
}

/** Reads `{a="x",b="y"}` from `text` at `start` (the `{`); returns the labels and the index after `}`. */
function parseLabels(text: string, start: number, line: number): { labels: Record<string, string>; end: number } {
  const labels: Record<string, string> = {};
  let i = start + 1;
  while (text[i] !== '}') {
    const eq = text.indexOf('=', i);
    if (eq < 0) throw new Error(`line ${line}: label without =`);
    const name = text.slice(i, eq);
    if (!LABEL_NAME.test(name)) throw new Error(`line ${line}: bad label name "${name}"`);
    if (name in labels) throw new Error(`line ${line}: label ${name} twice`);
    if (text[eq + 1] !== '"') throw new Error(`line ${line}: label ${name} value not quoted`);
    let value = '';
    let j = eq + 2;
    for (; j < text.length && text[j] !== '"'; j += 1) {
      if (text[j] === '\\') {
        const next = text[j + 1];
        if (next === 'n') value += '\n';
        else if (next === '\\' || next === '"') value += next;
        else throw new Error(`line ${line}: bad escape \\${next ?? ''}`);
        j += 1;
      } else if (text[j] === '\n') {
        throw new Error(`line ${line}: raw newline in a label value`);
      } else value += text[j];
    }
    if (j >= text.length) throw new Error(`line ${line}: unterminated label value`);
    labels[name] = value;
    i = j + 1;
    if (text[i] === ',') i += 1;
    else if (text[i] !== '}') throw new Error(`line ${line}: expected , or } after label ${name}`);
  }
  return { labels, end: i + 1 };
}

/**
 * A strict reader of the Prometheus text exposition format 0.0.4: every line is a HELP, a TYPE or a
 * sample; each family is declared once, before its samples; every sample belongs to the family declared
 * last (with the histogram or summary suffixes); no series appears twice; histogram buckets are
 * cumulative and end with `le="+Inf"` equal to `_count`. Throws on the first violation.
 */
export function parsePrometheusText(text: string): Map<string, MetricFamily> {
  const families = new Map<string, MetricFamily>();
  const series = new Set<string>();
  let current: MetricFamily | undefined;
  if (text !== '' && !text.endsWith('\n')) throw new Error('the exposition must end with a newline');
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (raw === '') return;
    if (raw.startsWith('#')) {
      const match = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(raw);
      if (!match) return; // a plain comment
      const [, keyword, name = '', rest = ''] = match;
      if (!METRIC_NAME.test(name)) throw new Error(`line ${line}: bad metric name "${name}"`);
      let family = families.get(name);
      if (family && family !== current) throw new Error(`line ${line}: family ${name} declared twice`);
      if (!family) {
        family = { name, type: 'untyped', help: '', samples: [] };
        families.set(name, family);
        current = family;
      }
      if (keyword === 'TYPE') {
        if (!TYPES.has(rest)) throw new Error(`line ${line}: unknown type "${rest}"`);
        if (family.samples.length > 0) throw new Error(`line ${line}: TYPE of ${name} after its samples`);
        family.type = rest as MetricFamily['type'];
      } else family.help = rest;
      return;
    }
    const nameEnd = raw.search(/[{ ]/);
    if (nameEnd <= 0) throw new Error(`line ${line}: not a sample: ${raw}`);
    const name = raw.slice(0, nameEnd);
    if (!METRIC_NAME.test(name)) throw new Error(`line ${line}: bad metric name "${name}"`);
    let labels: Record<string, string> = {};
    let rest = raw.slice(nameEnd);
    if (rest.startsWith('{')) {
      const parsed = parseLabels(raw, nameEnd, line);
      labels = parsed.labels;
      rest = raw.slice(parsed.end);
    }
    const fields = rest.trim().split(' ');
    if (!rest.startsWith(' ') || fields.length < 1 || fields.length > 2) throw new Error(`line ${line}: bad sample: ${raw}`);
    const value = parseValue(fields[0] ?? '', line);
    if (fields[1] !== undefined && !/^-?\d+$/.test(fields[1])) throw new Error(`line ${line}: bad timestamp`);
    if (!current || !SUFFIXES[current.type].some((suffix) => current?.name + suffix === name)) {
      throw new Error(`line ${line}: sample ${name} outside its family (${current?.name ?? 'none'})`);
    }
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    if (series.has(key)) throw new Error(`line ${line}: series ${key} twice`);
    series.add(key);
    current.samples.push({ name, labels, value });
  });
  for (const family of families.values()) if (family.type === 'histogram') checkHistogram(family);
  return families;
}

function checkHistogram(family: MetricFamily): void {
  const groups = new Map<string, Sample[]>();
  const keyOf = (labels: Record<string, string>) =>
    JSON.stringify(
      Object.entries(labels)
        .filter(([name]) => name !== 'le')
        .sort(),
    );
  for (const sample of family.samples) {
    if (sample.name !== `${family.name}_bucket`) continue;
    if (sample.labels['le'] === undefined) throw new Error(`${family.name}: a bucket without le`);
    groups.set(keyOf(sample.labels), [...(groups.get(keyOf(sample.labels)) ?? []), sample]);
  }
  for (const [key, buckets] of groups) {
    const values = buckets.map((bucket) => bucket.value);
    if (values.some((value, i) => i > 0 && value < (values[i - 1] ?? 0)))
      throw new Error(`${family.name}${key}: buckets not cumulative`);
    const last = buckets.at(-1);
    if (last?.labels['le'] !== '+Inf') throw new Error(`${family.name}${key}: no +Inf bucket last`);
    const count = family.samples.find((s) => s.name === `${family.name}_count` && keyOf(s.labels) === key);
    if (count?.value !== last.value) throw new Error(`${family.name}${key}: _count differs from the +Inf bucket`);
  }
}

/** The value of one series (labels matched exactly), or undefined when it is absent. */
export function sampleValue(
  families: Map<string, MetricFamily>,
  family: string,
  labels: Record<string, string> = {},
  name = family,
): number | undefined {
  const wanted = JSON.stringify(Object.entries(labels).sort());
  return families
    .get(family)
    ?.samples.find((sample) => sample.name === name && JSON.stringify(Object.entries(sample.labels).sort()) === wanted)?.value;
}

/** How many series the exposition has, all families together. */
export const seriesCount = (families: Map<string, MetricFamily>): number =>
  [...families.values()].reduce((sum, family) => sum + family.samples.length, 0);
