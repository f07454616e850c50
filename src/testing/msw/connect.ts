// Failure injection in front of the in-process backend: Connect errors and latency, worded and
// coded as the Connect protocol has them.
import { delay, HttpResponse, http } from 'msw';
import type * as z from 'zod/mini';
import { type ConnectCode, httpStatusByCode } from '#contracts/connect.ts';
import type { Procedure } from '#contracts/procedures.ts';
import { recordCall } from '../backend.ts';

export function errorResponse(code: ConnectCode, message: string) {
  return HttpResponse.json({ code, message }, { status: httpStatusByCode[code] });
}

export interface HandlerOptions {
  /** Milliseconds to wait before answering. */
  delayMs?: number;
  /** Only the next call fails; later ones reach the backend. */
  once?: boolean;
}

/** An override that answers every call to `procedure` with a Connect error. */
export function failing(
  procedure: Procedure<z.ZodMiniType, z.ZodMiniType>,
  code: ConnectCode,
  message = '',
  options: HandlerOptions = {},
) {
  return http.post(
    `*/api/${procedure.path}`,
    async ({ request }) => {
      if (options.delayMs) await delay(options.delayMs);
      await recordCall(request);
      return errorResponse(code, message);
    },
    options.once ? { once: true } : {},
  );
}
