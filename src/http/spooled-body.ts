/**
 * Receiving a long upload (an ingest batch) at the client's pace while its records are worked
 * through at the server's. Read lazily, a body that takes minutes to process would also take
 * minutes to receive, and the HTTP server's request timeout (which bounds the upload, against slow
 * clients) would cut it off halfway. So the chunks are read as they arrive into a queue of raw
 * bytes, and the consumer takes them from there: the raw text of the batch may sit in memory, its
 * parsed records never do. Web streams only (Workers-safe).
 * @module
 */
import { FhirError, error } from '../fhir/outcome.js';

/**
 * The chunks of `stream` in order, read ahead of the consumer; more than `maxBytes` in all ends
 * the iteration with a 413 {@link FhirError} (after the chunks within the limit).
 */
export async function* spooledChunks(stream: ReadableStream<Uint8Array>, maxBytes: number): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  const queue: Uint8Array[] = [];
  let head = 0;
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const signal = () => {
    wake?.();
    wake = undefined;
  };
  void (async () => {
    let received = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received += value.byteLength;
        if (received > maxBytes) {
          failure = new FhirError(413, error('too-long', `The upload exceeds the limit of ${maxBytes} bytes`));
          await reader.cancel();
          break;
        }
        queue.push(value);
        signal();
      }
    } catch (cause) {
      failure = cause;
    } finally {
      ended = true;
      signal();
    }
  })();
  try {
    for (;;) {
      if (head < queue.length) {
        const chunk = queue[head]!;
        queue[head++] = EMPTY; // let the chunk go once consumed
        yield chunk;
        continue;
      }
      if (failure !== undefined) throw failure;
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    if (!ended) await reader.cancel().catch(() => undefined);
  }
}

const EMPTY = new Uint8Array(0);
