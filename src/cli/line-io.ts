import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/**
 * Runs `handle` on every line of `input` and writes one JSON object per line to `output`, in
 * input order. A handler that throws produces `{ ok: false, error }` for that line only, so one
 * bad line never aborts a pipeline.
 */
export async function mapJsonLines(
  input: Readable,
  output: Writable,
  handle: (line: string) => unknown,
): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let result: unknown;
    try {
      result = handle(line);
    } catch (error) {
      result = { ok: false, error: { code: 'INTERNAL_ERROR', message: error instanceof Error ? error.message : String(error) } };
    }
    if (!output.write(`${JSON.stringify(result)}\n`)) await new Promise((resolve) => output.once('drain', resolve));
  }
}
