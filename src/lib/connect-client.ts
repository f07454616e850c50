// Unary Connect calls over JSON with plain fetch (connectrpc.com/docs/protocol): POST the request
// message, decode errors per the spec, and hold every response to the shared contract schema.

import type * as z from 'zod/mini';
import { ConnectError, connectErrorFromResponse } from '#contracts/connect.ts';
import type { Procedure } from '#contracts/procedures.ts';
import { reportApiReachable, reportApiUnreachable } from './connectivity.ts';
import { takeEarlyResponse } from './early-responses.ts';
import { getSessionToken } from './session.ts';

export const API_BASE_PATH = '/api';
const DEFAULT_TIMEOUT_MS = 30_000;

export interface CallOptions {
  signal?: AbortSignal | undefined;
  /** Overrides the session's token, e.g. to verify a token before signing in with it. */
  token?: string | undefined;
  timeoutMs?: number | undefined;
}

export async function callUnary<Req extends z.ZodMiniType, Res extends z.ZodMiniType>(
  procedure: Procedure<Req, Res>,
  request: z.input<Req>,
  options: CallOptions = {},
): Promise<z.output<Res>> {
  const token = options.token ?? getSessionToken();
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'Connect-Protocol-Version': '1',
  };
  if (token) headers.Authorization = `Bearer ${token}`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  headers['Connect-Timeout-Ms'] = String(timeoutMs);

  const body = JSON.stringify(request);
  // A call with its own token (sign-in) never adopts an answer started with the session's.
  const early = options.token === undefined ? takeEarlyResponse(procedure.path, body) : undefined;
  let response: Response;
  try {
    response = await (early
      ? untilAborted(early, signal)
      : fetch(`${API_BASE_PATH}/${procedure.path}`, {
          method: 'POST',
          headers,
          body,
          signal,
          credentials: 'same-origin',
        }));
  } catch (error) {
    if (options.signal?.aborted) throw new ConnectError('canceled', 'The request was canceled');
    if (timeout.aborted) {
      throw new ConnectError('deadline_exceeded', `No answer within ${timeoutMs / 1000} s`);
    }
    reportApiUnreachable();
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConnectError('unavailable', `The API could not be reached (${reason})`);
  }

  const answer: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = connectErrorFromResponse(response.status, answer);
    if (error.code === 'unavailable') reportApiUnreachable();
    else reportApiReachable();
    throw error;
  }
  reportApiReachable();
  const parsed = procedure.response.safeParse(answer);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new ConnectError(
      'internal',
      `The server's answer to ${procedure.method} does not match the contract (${where}${issue?.message ?? 'unreadable body'})`,
    );
  }
  return parsed.data;
}

/** An early answer is not bound to this call's signal: stop waiting for it when the call ends. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
