/**
 * The request body, or undefined when it is larger than `limit` bytes. Neither Content-Length nor
 * its absence is trusted: the stream is cut off as soon as it passes the limit.
 */
export async function readLimited(request: Request, limit: number): Promise<Buffer | undefined> {
  const declaredHeader = request.headers.get('content-length');
  const declared = Number(declaredHeader ?? '0');
  if (declared > limit) return undefined;
  if (declaredHeader !== null && Number.isSafeInteger(declared) && declared >= 0) {
    // A declared length within the limit: the HTTP parser hands over at most that many bytes, so
    // the whole-body read is bounded. It is also @hono/node-server's fast path (no web stream is
    // built around the socket). The size is checked again for requests made in-process.
    const bytes = Buffer.from(await request.arrayBuffer());
    return bytes.byteLength > limit ? undefined : bytes;
  }
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

// With the u flag a surrogate pair is one code point, so only a lone surrogate matches.
const loneSurrogate = /\p{Surrogate}/u;

/**
 * Whether a string can be written as UTF-8, i.e. holds no lone UTF-16 surrogate (what
 * `String.prototype.isWellFormed` checks). JSON.parse accepts `"\ud800"`; SQLite would store it
 * as U+FFFD, so such text is refused rather than silently changed.
 */
export function isWellFormedText(text: string): boolean {
  return !loneSurrogate.test(text);
}

// Stateless between calls (no `stream` option), so one instance serves every request.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text, or undefined when it is not valid UTF-8 (never replaced by U+FFFD). */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}
