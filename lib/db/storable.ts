// PostgreSQL stores neither NUL (U+0000) in text or jsonb nor a lone UTF-16 surrogate in jsonb,
// and an object key "__proto__" does not survive the way to a jsonb column (it is dropped on the
// way). Input can carry all three; these helpers find them (to refuse the input) and replace
// them (so the refusal itself can still be recorded, and its audit hash covers what is stored).

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const isUnstorableText = (s: string) => UNSTORABLE.test(s);

/** The path of the first string or key in `value` that cannot be stored ("" for the value itself), or null. */
export function unstorablePath(value: unknown, path = "", depth = 0): string | null {
  if (typeof value === "string") return isUnstorableText(value) ? path || "_" : null;
  if (depth > 16 || value === null || typeof value !== "object") return null;
  for (const [k, v] of Object.entries(value)) {
    const at = path ? `${path}.${k}` : k;
    if (isUnstorableText(k) || k === "__proto__") return at;
    const found = unstorablePath(v, at, depth + 1);
    if (found) return found;
  }
  return null;
}

/** The text as it can be stored: NUL and lone surrogates become U+FFFD. */
export function storableText(s: string): string;
export function storableText(s: string | null): string | null;
export function storableText(s: string | null): string | null {
  return s === null ? null : s.toWellFormed().replace(/\u0000/g, "\ufffd");
}

/** A deep copy that can be stored as jsonb exactly as it is (see above). */
export function storable(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return storableText(value);
  if (depth > 16 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => storable(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k === "__proto__" ? "[__proto__]" : storableText(k), storable(v, depth + 1)]));
}
