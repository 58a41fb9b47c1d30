import fc from "fast-check";
import { z } from "zod";

// Generators of hostile input for the malformed-input fuzz test (issue #11): the values a
// careless or malicious client can send through a form or a JSON body, and ways to corrupt a
// valid input with them. Only values a browser or a JSON body can carry are generated (strings,
// numbers, booleans, null, arrays, plain objects; NaN/Infinity stand for what a coercing schema
// makes of "NaN" or 1e309); Dates, BigInts and Maps never arrive from outside.

const HUGE = 10_000;

/** Strings that have broken parsers, databases and pages elsewhere. */
export const NASTY_STRINGS: readonly string[] = [
  "",
  " ",
  "\t\n\r ",
  "\u0000",
  "abc\u0000def",
  "\ud800",
  "lone \udfff surrogate",
  "\u202eevil\u202c",
  "\ufeffbom",
  "\u200b",
  "Z\u0351\u0364\u036b\u0343a\u0310\u0352l\u0311\u0304go",
  "😀👍🏽👨‍👩‍👧",
  "' OR 1=1 --",
  "'; DROP TABLE \"User\"; --",
  "\" OR \"\"=\"",
  "1; SELECT pg_sleep(10)",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "javascript:alert(1)",
  "{{7*7}}",
  "${7*7}",
  "${jndi:ldap://127.0.0.1/a}",
  "../../../../etc/passwd",
  "%00%0d%0a",
  "\\",
  "null",
  "undefined",
  "true",
  "[object Object]",
  "__proto__",
  "constructor",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e309",
  "-1e309",
  "-1",
  "-0",
  "0",
  "0x10",
  "1_000",
  " 12 ",
  "1e-400",
  "9007199254740993",
  "99999999999999999999999999",
  "١٢٣",
  // ids, addresses and hashes that look right at a glance
  "00000000-0000-0000-0000-00000000000g",
  "5b0c2e4f-3a1d-4c8e-9f7a-2d6b8e1c0a9",
  "5b0c2e4f3a1d4c8e9f7a2d6b8e1c0a93",
  "{5b0c2e4f-3a1d-4c8e-9f7a-2d6b8e1c0a93}",
  "5b0c2e4f-3a1d-4c8e-9f7a-2d6b8e1c0a93\u0000",
  "0x123",
  "0x",
  `0x${"g".repeat(40)}`,
  `0x${"a".repeat(39)}`,
  `0x${"a".repeat(41)}`,
  `0x${"f".repeat(63)}`,
  "rNope",
  "r0000000000000000000000000000000",
  "rPT1Sjq2YGrBMTttX4GZHjKu9dyfzbpAYf",
  "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbd0",
  "evm:",
  "evm:-1",
  "evm-31337-",
  "999.1.1.1/99",
  "::/-1",
  // dates
  "2999-01-01T00:00",
  "0000-00-00",
  "1969-12-31T23:59:60Z",
  "+275760-09-13T00:00:00.001Z",
  "-271821-04-19T00:00:00.000Z",
  "9999-99-99",
  "2024-02-30T25:61",
  "yesterday-ish",
  // huge ones
  "x".repeat(HUGE),
  "é".repeat(HUGE),
  "😀".repeat(HUGE / 2),
  "a,".repeat(HUGE / 2),
  "\u0000".repeat(HUGE),
  `${"<b>".repeat(HUGE / 3)}`,
];

const controlChar = fc.constantFrom("\u0000", "\u0001", "\u0007", "\b", "\t", "\n", "\r", "\u000b", "\u001b", "\u007f", "\u0085", "\u00a0", "\u200b", "\u202e", "\u2028", "\ufeff", "\ud800", "\udbff", "\udfff", "\uffff");

export const poisonString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 5 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }), weight: 1 },
  { arbitrary: fc.string({ unit: controlChar, minLength: 1, maxLength: 12 }), weight: 2 },
  { arbitrary: fc.tuple(fc.string({ unit: "binary", minLength: 1, maxLength: 3 }), fc.integer({ min: 1_000, max: HUGE })).map(([s, n]) => s.repeat(Math.ceil(n / s.length)).slice(0, n)), weight: 1 },
  { arbitrary: fc.double().map(String), weight: 1 },
  { arbitrary: fc.uuid().map((u) => u.slice(1)), weight: 1 },
);

export const poisonNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, -1, 0.5, Number.MAX_VALUE, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER + 2, -(2 ** 63), 2 ** 64, 1e21, -1e-7),
  fc.double(),
  fc.integer({ min: -(2 ** 31), max: -1 }),
);

/** Keys that have polluted prototypes or confused form handling elsewhere. */
export const poisonKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "", " ", "a.b", "$where", "$ACTION_ID_abc", "_reason", "_key", "_reasonFrom", "x[]", "__proto__[]", "constructor[]", "\u0000", "k".repeat(1_000)),
  fc.string({ maxLength: 12 }),
);

/** Objects whose own keys try to reach Object.prototype (as JSON.parse makes them). */
export const POLLUTERS: readonly unknown[] = [
  JSON.parse('{"__proto__":{"polluted":"yes","roles":["admin"],"isAdmin":true}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
  JSON.parse('{"__proto__":[1,2,3],"length":1e309}'),
  JSON.parse('{"toString":"x","valueOf":{},"hasOwnProperty":null}'),
];

/** Nesting a JSON body can carry; deeper than any schema looks. */
const deep = (depth: number) => {
  let v: unknown = "bottom";
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};
const DEEP = [deep(50), deep(2_000)];

// No `undefined` inside arrays: no JSON body or form can carry one (as a field it means "missing").
const poisonItem: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: poisonString, weight: 6 },
  { arbitrary: poisonNumber, weight: 3 },
  { arbitrary: fc.constantFrom<unknown>(null, true, false, 0, 1, [], {}), weight: 2 },
);
const poisonLeaf: fc.Arbitrary<unknown> = fc.oneof({ arbitrary: poisonItem, weight: 10 }, { arbitrary: fc.constant(undefined), weight: 1 });

/** Any one hostile value: a wrong type, a nasty string or number, a nested or polluting structure. */
export const poisonValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: poisonLeaf, weight: 12 },
  { arbitrary: fc.array(poisonItem, { maxLength: 5 }), weight: 2 },
  { arbitrary: fc.dictionary(poisonKey, poisonLeaf, { maxKeys: 4 }), weight: 2 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
  { arbitrary: fc.constantFrom(...POLLUTERS, ...DEEP), weight: 1 },
  { arbitrary: fc.array(fc.constant("x".repeat(1_000)), { minLength: 100, maxLength: 300 }), weight: 1 },
);

/** The field names an operation's schema knows (so corruptions hit real fields, not only extras). */
export function schemaKeys(schema: z.ZodType): string[] {
  try {
    const json = z.toJSONSchema(schema, { unrepresentable: "any", io: "input" }) as { properties?: Record<string, unknown> };
    return Object.keys(json.properties ?? {});
  } catch {
    return [];
  }
}

type TEdit = { key: string; action: "replace" | "delete"; value: unknown };

/** A sample with some of its fields replaced by poison or removed, and maybe hostile extras. */
export function corruptedInput(sample: Record<string, unknown>, keys: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const fields = [...new Set([...Object.keys(sample), ...keys])];
  const edit: fc.Arbitrary<TEdit> = fields.length
    ? fc.record({ key: fc.constantFrom(...fields), action: fc.constantFrom<"replace" | "delete">("replace", "replace", "replace", "delete"), value: poisonValue })
    : fc.record({ key: poisonKey, action: fc.constant<"replace">("replace"), value: poisonValue });
  return fc
    .record({ edits: fc.array(edit, { minLength: 1, maxLength: Math.max(1, fields.length) }), extras: fc.array(fc.tuple(poisonKey, poisonValue), { maxLength: 3 }) })
    .map(({ edits, extras }) => {
      const entries = new Map(Object.entries(sample));
      for (const e of edits) {
        if (e.action === "delete") entries.delete(e.key);
        else entries.set(e.key, e.value);
      }
      for (const [k, v] of extras) entries.set(k, v);
      // fromEntries defines own properties: a "__proto__" key stays a key, as JSON.parse leaves it.
      return Object.fromEntries(entries);
    });
}

/** A whole input replaced by junk: not an object, an empty or polluting object, the right keys all wrong. */
export function junkInput(keys: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    poisonLeaf,
    fc.array(poisonItem, { maxLength: 4 }),
    fc.constantFrom(...POLLUTERS, ...DEEP),
    fc.dictionary(poisonKey, poisonValue, { maxKeys: 5 }),
    keys.length ? fc.tuple(...keys.map(() => poisonValue)).map((values) => Object.fromEntries(keys.map((k, i) => [k, values[i]]))) : fc.constant({ unexpected: true }),
  );
}

/** Malformed input for an operation: mostly a corrupted valid sample, sometimes pure junk. */
export function malformedInput(sample: Record<string, unknown>, keys: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: corruptedInput(sample, keys), weight: 3 }, { arbitrary: junkInput(keys), weight: 1 });
}

/** What a form can carry: strings and files under any name, repeated names, `x[]` lists. */
export type TFormEntry = [name: string, value: string | { file: string }];

const formValue: fc.Arbitrary<string | { file: string }> = fc.oneof(
  { arbitrary: poisonString, weight: 8 },
  { arbitrary: fc.constantFrom("on", "true", "false", "[]", "{}", '{"__proto__":{"polluted":"yes"}}'), weight: 1 },
  { arbitrary: poisonString.map((s) => ({ file: s.slice(0, 200) })), weight: 1 },
);

/** Form entries: the sample's fields as a browser sends them, corrupted, plus hostile extra fields. */
export function malformedForm(sample: Record<string, unknown>, keys: readonly string[]): fc.Arbitrary<TFormEntry[]> {
  const base: TFormEntry[] = Object.entries(sample).flatMap(([k, v]): TFormEntry[] => (Array.isArray(v) ? v.map((x) => [`${k}[]`, String(x)]) : [[k, String(v)]]));
  const names = [...new Set([...keys, ...keys.map((k) => `${k}[]`), "_reason", "_key", "_reasonFrom", "_revalidate", "$ACTION_REF_1", "$ACTION_KEY"])];
  const name = fc.oneof({ arbitrary: fc.constantFrom(...names), weight: 3 }, { arbitrary: poisonKey, weight: 1 });
  return fc
    .record({ drop: fc.array(fc.nat(), { maxLength: 3 }), replace: fc.array(fc.tuple(fc.nat(), formValue), { maxLength: 3 }), add: fc.array(fc.tuple(name, formValue), { maxLength: 4 }) })
    .filter(({ drop, replace, add }) => drop.length + replace.length + add.length > 0)
    .map(({ drop, replace, add }) => {
      const entries = base.map((e) => [...e] as TFormEntry);
      for (const [i, v] of replace) if (entries.length) entries[i % entries.length]![1] = v;
      for (const i of drop) if (entries.length) entries.splice(i % entries.length, 1);
      return [...entries, ...add];
    });
}

/**
 * The FormData the server action receives. A browser sends the form as UTF-8, so a lone surrogate
 * arrives as U+FFFD; NUL and every other character arrive as they are.
 */
export function toFormData(entries: readonly TFormEntry[]): FormData {
  const form = new FormData();
  for (const [k, v] of entries) {
    if (typeof v === "string") form.append(k.toWellFormed(), v.toWellFormed());
    else form.append(k.toWellFormed(), new Blob([v.file.toWellFormed()]), "upload.txt");
  }
  return form;
}
