import { Readable } from "node:stream";

/** A body that arrives in one piece. */
export const bodyOf = (text: string): Readable => Readable.from([Buffer.from(text, "utf8")]);

/** A body split into two network chunks at byte `cut`. */
export async function* twoPieces(bytes: Buffer, cut: number): AsyncGenerator<Buffer> {
  yield bytes.subarray(0, cut);
  yield bytes.subarray(cut);
}

/** A body that arrives one byte at a time. */
export const oneByteChunks = (text: string): Readable => {
  const bytes = Buffer.from(text, "utf8");
  return Readable.from(Array.from(bytes, (_, i) => bytes.subarray(i, i + 1)));
};

/** The error a promise rejects with (fails the test when it resolves). */
export const rejectionOf = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
};
