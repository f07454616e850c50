// Resources whose one large multi-valued attribute (a group's members) is read and written a page
// at a time, each page in its own turn of the event loop, so a group of tens of thousands of
// members never holds the loop (or builds its whole JSON) at once; a list page of such groups is
// written one group after another the same way.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { PagedList, PagedResource } from '../../scim/scim-list.ts';

/** The resource's JSON text: the head, then one chunk per page, then the close. */
async function* resourceChunks(streamed: PagedResource): AsyncGenerator<string> {
  const json = JSON.stringify(streamed.resource);
  const paged = streamed.paged;
  if (!paged) {
    yield json;
    return;
  }
  // The resource always has `schemas`, so the head is never just `{`.
  const head = `${json.slice(0, -1)},${JSON.stringify(paged.attribute)}:[`;
  let started = false;
  for (;;) {
    if (started) await nextTurn();
    const next = await paged.pages.next();
    if (next.done) break;
    const items = next.value.map((item) => JSON.stringify(item)).join(',');
    yield started ? `,${items}` : `${head}${items}`;
    started = true;
  }
  yield started ? ']}' : json;
}

/** A ListResponse: its head, then each resource's chunks, each resource in a turn of its own. */
async function* listChunks(list: PagedList): AsyncGenerator<string> {
  const head = JSON.stringify(list.head);
  yield `${head.slice(0, -1)},"Resources":[`;
  for (const [index, resource] of list.resources.entries()) {
    if (index > 0) {
      await nextTurn();
      yield ',';
    }
    yield* resourceChunks(resource);
  }
  yield ']}';
}

function byteStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

/** The resource's JSON as a byte stream. */
export function streamResourceJson(streamed: PagedResource): ReadableStream<Uint8Array> {
  return byteStream(resourceChunks(streamed));
}

/** The list page's JSON as a byte stream. */
export function streamListJson(list: PagedList): ReadableStream<Uint8Array> {
  return byteStream(listChunks(list));
}
