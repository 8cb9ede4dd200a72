/*
 * A Worker without a thread, for the tests: the page's end (a WorkerLike for WorkerHost) and the
 * worker's end (serveBooks) in this process, each message structured-cloned with its transfer list
 * and delivered on a later turn of the event loop, as postMessage does.
 */
import { serveBooks, type MessageEnd } from "../../src/workbook/package/worker";
import type { WorkerLike } from "../../src/workbook/package/worker-host";

export interface FakeWorker extends WorkerLike {
  /** every message the page sent, in order (cloned) */
  sent: unknown[];
  terminated: boolean;
}

export function fakeWorker(): FakeWorker {
  const deliver = (to: { onmessage: ((e: MessageEvent) => void) | null }, message: unknown, transfer: Transferable[] = []) => {
    const data = structuredClone(message, { transfer: transfer as Transferable[] });
    setTimeout(() => to.onmessage?.({ data } as MessageEvent), 0);
  };
  const inside: MessageEnd = {
    onmessage: null,
    postMessage: (message, transfer) => {
      if (!page.terminated) deliver(page, message, transfer);
    },
  };
  const page: FakeWorker = {
    sent: [],
    terminated: false,
    onmessage: null,
    onerror: null,
    postMessage(message, transfer) {
      if (page.terminated) return;
      page.sent.push(structuredClone(message));
      deliver(inside, message, transfer);
    },
    terminate() {
      page.terminated = true;
    },
  };
  serveBooks(inside);
  return page;
}
