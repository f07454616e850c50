// UUIDv7 (RFC 9562) from `uuid`: time-ordered like the ids Ona returns. `uuid` keeps ids monotonic
// only for its own clock; ours is injectable (seeds and tests mint ids at chosen times), so the
// millisecond and the 32-bit sequence (RFC 9562 §6.2, method 1) are carried here, laid out by `uuid`.
import { v7 } from 'uuid';

let lastMs = -Infinity;
let seq = 0;

export function uuidv7(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    // Seed low (31 bits) so a burst in one millisecond has room to count up.
    seq = Math.floor(Math.random() * 0x7fffffff);
  } else {
    seq = (seq + 1) | 0;
    // Sequence exhausted within this millisecond: borrow the next one.
    if (seq === 0) lastMs += 1;
  }
  return v7({ msecs: lastMs, seq });
}
