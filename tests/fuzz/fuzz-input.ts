// What the fuzz tier throws at the app: malformed, oversized, wrong-typed values, mixed with
// the real ids of the fixture so that requests also get past validation and reach the domain.
import fc from "fast-check";
import { z } from "zod";

/** Runs per route and per event; FUZZ_RUNS=2000 for a long run. */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 20);

const nastyStrings = [
  "", " ", "\u0000", "a\u0000b", "\uD800", "x\uDFFFy", "\uDBFF\uDBFF", "\u202E\u2066evil\u2069", "\u200B\u200D\uFEFF",
  "\u0301", "\u3164", "%", "%00", "%zz", "../", "..%2F", "a/b", "?x=1", "#", "'; DROP TABLE \"User\"; --", "<script>alert(1)</script>",
  "__proto__", "constructor", "toString", "null", "undefined", "NaN", "-1", "0", "1.5", "1e309", "9007199254740993", "0x10",
  "😀", "👩\u200D💻", "회의실", "\n", "\r\n", "\t", ",", ",,,", "direct", "group", "owner", "admin", "member", "true",
  "https://example.test/push", "a@b.co", "x".repeat(101), "x".repeat(4001), "😀".repeat(4001), "y".repeat(20_000),
];
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

export const nastyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...nastyStrings) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.oneof(fc.constantFrom("a", "\u0000", "\u202E", "\u200B", " "), loneSurrogate), maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 4001, maxLength: 4100 }) },
);

const scalar: fc.Arbitrary<unknown> = fc.oneof(
  nastyText,
  fc.integer(),
  fc.constantFrom(-1, 0, 1, 1.5, 2 ** 31, 2 ** 53, -0, 1e308, true, false, null),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

export const jsonValue: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc.array(tie("v"), { maxLength: 5 }),
    fc.dictionary(fc.oneof(nastyText, fc.constantFrom("__proto__", "constructor")), tie("v"), { maxKeys: 5 }),
  ),
})).v;

/** A value for a field: a real id now and then, else anything. */
export function fieldValue(ids: readonly string[]): fc.Arbitrary<unknown> {
  const id = fc.constantFrom(...ids);
  return fc.oneof(
    { weight: 3, arbitrary: id },
    { weight: 3, arbitrary: nastyText },
    { weight: 2, arbitrary: scalar },
    { weight: 1, arbitrary: fc.array(fc.oneof(id, nastyText), { maxLength: 4 }) },
    { weight: 1, arbitrary: id.map((i) => `${i}\u0000`) },
    { weight: 1, arbitrary: jsonValue },
  );
}

/** The object keys a schema reads (through optional, pipes, unions): the fields worth filling. */
export function keysOf(schema: z.ZodType | undefined): string[] {
  if (!schema) return [];
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault) {
    return keysOf(schema.unwrap() as z.ZodType);
  }
  if (schema instanceof z.ZodPipe) return keysOf(schema.in as z.ZodType);
  if (schema instanceof z.ZodUnion || schema instanceof z.ZodDiscriminatedUnion) {
    return [...new Set((schema.options as z.ZodType[]).flatMap(keysOf))];
  }
  return [];
}

/** An object with some of the schema's keys (and now and then a stranger), or any JSON at all. */
export function payloadFor(schema: z.ZodType | undefined, ids: readonly string[]): fc.Arbitrary<unknown> {
  const keys = keysOf(schema);
  const shaped = fc.dictionary(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...(keys.length ? keys : ["x"])) }, nastyText), fieldValue(ids), {
    maxKeys: keys.length + 1,
  });
  return fc.oneof({ weight: 4, arbitrary: shaped }, { weight: 1, arbitrary: jsonValue });
}
