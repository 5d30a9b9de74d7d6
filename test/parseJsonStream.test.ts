import { parseJsonStream } from "../src/parseJsonStream";

const SAMPLES: unknown[] = [
  {
    data: [
      { b64_json: "AAAA/+==".repeat(50), mime_type: "image/png" },
      { url: "https://x/y", revised_prompt: 'say "hi" \\ ok \n é 😀 \u0000' },
    ],
  },
  [
    'a"b\\c',
    'd\\\\"e',
    "\\u00e9\\",
    `${"x".repeat(100)}"\\${"y".repeat(40)}`,
    { k: "😀".repeat(30), 'key"q': [1, 2.5e3, null, true, false, {}] },
  ],
  "just a string that is long enough to lift ".repeat(3),
  {
    nested: { deeper: { s: "é".repeat(64), t: "plain" } },
    n: -1.5,
    [`${"k".repeat(50)}`]: "long key",
  },
  [],
  { "": "" },
];

async function* inPieces(bytes: Buffer, size: () => number): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; ) {
    const next = at + Math.max(1, size());
    yield bytes.subarray(at, next);
    at = next;
  }
}

/** A deterministic pseudo-random piece size from 1 to 7. */
const sizes = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return 1 + (seed % 7);
};

describe("parseJsonStream", () => {
  it.each(SAMPLES.map((sample) => [JSON.stringify(sample).slice(0, 40), sample]))(
    "gives JSON.parse's result for %s, however it is split and whatever is lifted",
    async (_name, sample) => {
      const text = JSON.stringify(sample);
      const bytes = Buffer.from(text);
      for (const liftAt of [1, 5, 40, 1e9]) {
        for (let size = 1; size <= Math.min(bytes.length, 60); size++) {
          const parsed = await parseJsonStream(
            inPieces(bytes, () => size),
            liftAt,
          );
          if (JSON.stringify(parsed) !== text)
            expect({ liftAt, size, parsed }).toEqual({ liftAt, size, parsed: sample });
        }
        for (let seed = 1; seed <= 50; seed++) {
          const parsed = await parseJsonStream(inPieces(bytes, sizes(seed)), liftAt);
          if (JSON.stringify(parsed) !== text)
            expect({ liftAt, seed, parsed }).toEqual({ liftAt, seed, parsed: sample });
        }
      }
    },
  );

  it("lifts large base64 strings out of the text it parses", async () => {
    const image = "QUJD".repeat(50_000);
    const bytes = Buffer.from(JSON.stringify({ data: [{ b64_json: image }, { b64_json: image }] }));
    const parsed = (await parseJsonStream(inPieces(bytes, () => 65_536))) as {
      data: { b64_json: string }[];
    };
    expect(parsed.data.map(({ b64_json }) => b64_json === image)).toEqual([true, true]);
  });

  it("rejects text that is not JSON, or cut short", async () => {
    await expect(parseJsonStream(inPieces(Buffer.from('{"data": ['), () => 3))).rejects.toThrow(
      SyntaxError,
    );
    await expect(
      parseJsonStream(
        inPieces(Buffer.from('{"data": "abc'), () => 3),
        2,
      ),
    ).rejects.toThrow(SyntaxError);
  });
});
