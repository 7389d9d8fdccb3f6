import { concatBytes } from '../models/core/files';

/** Reads a byte stream to its end. `onChunk` sees the running total after each chunk (progress, or a
 * size limit: if it throws, the stream is cancelled and the error passes on). */
export async function readStream(
  stream: ReadableStream<Uint8Array>,
  onChunk?: (total: number, chunk: Uint8Array) => void,
): Promise<Uint8Array<ArrayBuffer>> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      onChunk?.(total, value);
      chunks.push(value);
    }
  } catch (e) {
    await reader.cancel().catch(() => undefined);
    throw e;
  }
  return concatBytes(chunks);
}
