// A strict parser for the Prometheus text exposition format 0.0.4, for tests: it throws on
// anything a Prometheus server or `promtool check metrics` would reject, and on the mistakes
// that break queries quietly (a family split in two, a series twice, histogram buckets that go
// down or miss +Inf). No maintained npm package does this (parse-prometheus-text-format is
// lenient and unmaintained), hence this small one.
// Spec: https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format

export type TSample = { name: string; labels: Record<string, string>; value: number };
export type TFamily = { name: string; help: string | null; type: "counter" | "gauge" | "histogram" | "summary" | "untyped"; samples: TSample[] };

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(["counter", "gauge", "histogram", "summary", "untyped"]);
const SUFFIXES: Record<TFamily["type"], string[]> = {
  counter: [""],
  gauge: [""],
  untyped: [""],
  histogram: ["_bucket", "_sum", "_count"],
  summary: ["", "_sum", "_count"],
};

class ParseError extends Error {
  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
  }
}

/** As Prometheus reads values (Go's strconv.ParseFloat): NaN and Inf in any case, so prom-client's "Nan" passes. */
function parseValue(text: string, line: number): number {
  const special = /^([-+]?)(inf|infinity|nan)$/i.exec(text);
  if (special) return special[2]!.toLowerCase() === "nan" ? NaN : special[1] === "-" ? -Infinity : Infinity;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new ParseError(line, `"${text}" is not a number`);
  return Number(text);
}

function unescape(text: string, allowQuote: boolean, line: number): string {
  return text.replace(/\\(.)/g, (_, c: string) => {
    if (c === "\\") return "\\";
    if (c === "n") return "\n";
    if (c === '"' && allowQuote) return '"';
    throw new ParseError(line, `invalid escape \\${c}`);
  });
}

/** One sample line: name, labels, value and an optional integer timestamp. */
function parseSample(text: string, line: number): TSample {
  const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(text);
  if (!nameMatch) throw new ParseError(line, "a sample must start with a metric name");
  const name = nameMatch[0];
  let rest = text.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith("{")) {
    rest = rest.slice(1);
    for (;;) {
      rest = rest.replace(/^[ \t]*/, "");
      if (rest.startsWith("}")) break;
      const label = /^([a-zA-Z_][a-zA-Z0-9_]*)[ \t]*=[ \t]*"((?:[^"\\\n]|\\.)*)"[ \t]*/.exec(rest);
      if (!label) throw new ParseError(line, `malformed labels in ${text}`);
      const [whole, key, raw] = label as unknown as [string, string, string];
      if (key.startsWith("__")) throw new ParseError(line, `label ${key} is reserved`);
      if (key in labels) throw new ParseError(line, `label ${key} appears twice`);
      labels[key] = unescape(raw, true, line);
      rest = rest.slice(whole.length);
      if (rest.startsWith(",")) rest = rest.slice(1);
      else if (!rest.startsWith("}")) throw new ParseError(line, `expected , or } in ${text}`);
    }
    rest = rest.slice(1);
  }
  const fields = rest.trim().split(/[ \t]+/);
  if (!/^[ \t]/.test(rest) || fields.length < 1 || fields.length > 2 || !fields[0]) throw new ParseError(line, `expected "value [timestamp]" after the name in ${text}`);
  if (fields[1] !== undefined && !/^-?\d+$/.test(fields[1])) throw new ParseError(line, `timestamp "${fields[1]}" is not an integer`);
  return { name, labels, value: parseValue(fields[0], line) };
}

const seriesKey = (s: TSample) => `${s.name}{${Object.keys(s.labels).sort().map((k) => `${k}=${JSON.stringify(s.labels[k])}`).join(",")}}`;

function checkHistogram(family: TFamily) {
  const groups = new Map<string, { buckets: { le: number; value: number }[]; count?: number; hasSum: boolean }>();
  for (const s of family.samples) {
    const { le, ...rest } = s.labels;
    const key = seriesKey({ ...s, name: family.name, labels: rest });
    const group = groups.get(key) ?? { buckets: [], hasSum: false };
    groups.set(key, group);
    if (s.name.endsWith("_bucket")) {
      if (le === undefined) throw new Error(`${family.name}: a bucket without le`);
      group.buckets.push({ le: parseValue(le, 0), value: s.value });
    } else if (s.name.endsWith("_count")) group.count = s.value;
    else group.hasSum = true;
  }
  for (const [key, group] of groups) {
    const sorted = [...group.buckets].sort((a, b) => a.le - b.le);
    if (sorted.at(-1)?.le !== Infinity) throw new Error(`${key}: no le="+Inf" bucket`);
    sorted.forEach((b, i) => {
      if (i > 0 && b.value < sorted[i - 1]!.value) throw new Error(`${key}: bucket le=${b.le} is below the one before it`);
    });
    if (group.count === undefined || !group.hasSum) throw new Error(`${key}: _count or _sum missing`);
    if (group.count !== sorted.at(-1)!.value) throw new Error(`${key}: _count differs from the +Inf bucket`);
  }
}

/** Parses exposition text into its metric families; throws on any violation of the format. */
export function parsePrometheusText(text: string): Map<string, TFamily> {
  if (text.length > 0 && !text.endsWith("\n")) throw new Error("the exposition must end with a newline");
  const families = new Map<string, TFamily>();
  const seen = new Set<string>();
  const typed = new Set<string>();
  let current: TFamily | null = null;
  const lines = text.split("\n").slice(0, -1);

  const familyOf = (sampleName: string): TFamily | undefined => {
    for (const f of [current, ...families.values()]) {
      if (f && SUFFIXES[f.type].some((suffix) => sampleName === f.name + suffix)) return f;
    }
    return undefined;
  };

  lines.forEach((raw, index) => {
    const line = index + 1;
    if (/^[ \t]*$/.test(raw)) return;
    const comment = /^[ \t]*#[ \t]*(HELP|TYPE)[ \t]+(\S+)(?:[ \t]+(.*))?$/.exec(raw);
    if (comment) {
      const [, keyword, name, rest = ""] = comment as unknown as [string, "HELP" | "TYPE", string, string | undefined];
      if (!METRIC_NAME.test(name)) throw new ParseError(line, `"${name}" is not a metric name`);
      let family = families.get(name);
      if (family && current !== family) throw new ParseError(line, `${keyword} for ${name} after its family ended`);
      if (!family) {
        family = { name, help: null, type: "untyped", samples: [] };
        families.set(name, family);
      }
      current = family;
      if (keyword === "HELP") {
        if (family.help !== null) throw new ParseError(line, `second HELP for ${name}`);
        family.help = unescape(rest, false, line);
      } else {
        if (!TYPES.has(rest.trim())) throw new ParseError(line, `unknown type "${rest}" for ${name}`);
        if (family.samples.length) throw new ParseError(line, `TYPE for ${name} after its samples`);
        if (typed.has(name)) throw new ParseError(line, `second TYPE for ${name}`);
        typed.add(name);
        family.type = rest.trim() as TFamily["type"];
      }
      return;
    }
    if (/^[ \t]*#/.test(raw)) return; // any other comment
    const sample = parseSample(raw.trim(), line);
    let family = familyOf(sample.name);
    if (family && family !== current) throw new ParseError(line, `${sample.name} appears again after its family ended`);
    if (!family) {
      family = { name: sample.name, help: null, type: "untyped", samples: [] };
      families.set(sample.name, family);
      current = family;
    }
    for (const key of Object.keys(sample.labels)) if (!LABEL_NAME.test(key)) throw new ParseError(line, `"${key}" is not a label name`);
    if (family.type === "histogram" && sample.name.endsWith("_bucket") !== ("le" in sample.labels)) throw new ParseError(line, `le belongs on histogram buckets only`);
    if (family.type === "counter" && !(sample.value >= 0)) throw new ParseError(line, `counter ${sample.name} is ${sample.value}`);
    const key = seriesKey(sample);
    if (seen.has(key)) throw new ParseError(line, `duplicate series ${key}`);
    seen.add(key);
    family.samples.push(sample);
  });

  for (const family of families.values()) if (family.type === "histogram") checkHistogram(family);
  return families;
}

/** The value of the one sample with exactly these labels, or undefined. */
export function sampleValue(families: Map<string, TFamily>, name: string, labels: Record<string, string> = {}): number | undefined {
  const want = seriesKey({ name, labels, value: 0 });
  for (const family of families.values()) {
    for (const s of family.samples) if (seriesKey(s) === want) return s.value;
  }
  return undefined;
}

/** Every sample of a metric (by sample name), whatever its labels. */
export function samplesOf(families: Map<string, TFamily>, name: string): TSample[] {
  return [...families.values()].flatMap((f) => f.samples.filter((s) => s.name === name));
}
