// Bytes → analysable text, the same way for the CLI (files on disk) and the
// editor (workspace.fs for files not open): UTF-8 with U+FFFD for invalid
// sequences (Python's own default source encoding), the byte-order mark
// dropped; binary and oversized files are skipped with a reason instead.
import { MAX_ANALYZED_CHARS } from './engine';

/** Files above this many bytes are not even decoded. */
export const MAX_FILE_BYTES = MAX_ANALYZED_CHARS * 2;

export type DecodedSource = { readonly text: string; readonly skipped?: undefined } | { readonly text?: undefined; readonly skipped: string };

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/** Decode a Python file's bytes, or say why it is not analysed. */
export function decodeSource(bytes: Uint8Array): DecodedSource {
  if (bytes.length > MAX_FILE_BYTES) return { skipped: `skipped: ${(bytes.length / 1e6).toFixed(1)} MB is larger than the ${MAX_FILE_BYTES / 1e6} MB limit` };
  // A NUL in the first 8 KiB means binary (compiled, an image, UTF-16 without a BOM we know).
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { skipped: 'skipped: binary content' };
  // TextDecoder strips a UTF-8 BOM unless ignoreBOM is set; strip a stray U+FEFF left by double encoding too.
  let text = decoder.decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.length > MAX_ANALYZED_CHARS) return { skipped: `skipped: larger than ${MAX_ANALYZED_CHARS} characters` };
  return { text };
}
