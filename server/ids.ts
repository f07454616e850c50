// UUIDv7 (RFC 9562): time-ordered like the ids Ona returns. Within one millisecond a 12-bit counter
// in rand_a (RFC 9562 §6.2, method 1) keeps ids increasing, so (createdAt, id) lists in creation order.
import { randomBytes } from 'node:crypto';

let lastMs = -1;
let counter = 0;

export function uuidv7(now: number = Date.now()): string {
  const bytes = randomBytes(16);
  let ms = now;
  if (ms <= lastMs) {
    ms = lastMs;
    counter += 1;
    if (counter > 0xfff) {
      // Counter exhausted within this millisecond: borrow the next one.
      ms += 1;
      counter = (bytes[6] ?? 0) & 0x07;
    }
  } else {
    // Seed low so a burst in one millisecond has room to count up.
    counter = (bytes[6] ?? 0) & 0x07;
  }
  lastMs = ms;
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
