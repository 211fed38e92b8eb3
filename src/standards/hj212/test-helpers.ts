import { frameHj212DataSegment, type Terminator } from './encoder';

/** Frames a data segment with a correct length and CRC (tests only; fails loudly on bad input). */
export function framed(segment: string, terminator: Terminator = 'CRLF'): Uint8Array {
  const result = frameHj212DataSegment(segment, terminator);
  if (!result.ok) throw new Error(result.error.message);
  return result.packet.bytes;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, p) => sum + p.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
export const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
