// A resource whose one large multi-valued attribute (a group's members) is read and written a page
// at a time, each page in its own turn of the event loop, so a group of tens of thousands of
// members never holds the loop (or builds its whole JSON) at once.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { PagedResource } from '../../services/scim/scim-group-service.ts';

/** The resource's JSON as a byte stream: the head, then one chunk per page, then the close. */
export function streamResourceJson(streamed: PagedResource): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const json = JSON.stringify(streamed.resource);
  const paged = streamed.paged;
  if (!paged) {
    return new ReadableStream({
      start(controller) {
        controller.enqueue(encoder.encode(json));
        controller.close();
      },
    });
  }
  // The resource always has `schemas`, so the head is never just `{`.
  const head = `${json.slice(0, -1)},${JSON.stringify(paged.attribute)}:[`;
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (started) await nextTurn();
      const next = await paged.pages.next();
      if (next.done) {
        controller.enqueue(encoder.encode(started ? ']}' : json));
        controller.close();
        return;
      }
      const items = next.value.map((item) => JSON.stringify(item)).join(',');
      controller.enqueue(encoder.encode(started ? `,${items}` : `${head}${items}`));
      started = true;
    },
  });
}
