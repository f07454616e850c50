// MSW handlers that speak Connect unary JSON: POST, bearer auth, request validated with the contract,
// errors as `{code, message}` with the mapped HTTP status.
import { delay, HttpResponse, http, type JsonBodyType } from 'msw';
import type * as z from 'zod/mini';
import { type ConnectCode, ConnectError, httpStatusByCode } from '#contracts/connect.ts';
import type { Procedure } from '#contracts/procedures.ts';
import { type FakeUser, fakeOrg } from './fake-org.ts';

export function errorResponse(code: ConnectCode, message: string) {
  return HttpResponse.json({ code, message }, { status: httpStatusByCode[code] });
}

export interface HandlerOptions {
  /** Milliseconds to wait before answering. */
  delayMs?: number;
  /** Answer without a signed-in caller (e.g. nothing public here, kept for completeness). */
  once?: boolean;
}

export function connectHandler<Req extends z.ZodMiniType, Res extends z.ZodMiniType>(
  procedure: Procedure<Req, Res>,
  resolve: (request: z.output<Req>, caller: FakeUser) => z.input<Res> | Promise<z.input<Res>>,
  options: HandlerOptions = {},
) {
  return http.post(
    `*/api/${procedure.path}`,
    async ({ request }) => {
      if (options.delayMs) await delay(options.delayMs);
      const token = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
      const caller = fakeOrg.users.find((u) => u.token === token);
      if (!caller) return errorResponse('unauthenticated', 'missing or unknown bearer token');
      const body: unknown = await request.json().catch(() => undefined);
      const parsed = procedure.request.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return errorResponse('invalid_argument', `${issue?.path.join('.')}: ${issue?.message}`);
      }
      fakeOrg.requests.push({ method: procedure.method, body: body as Record<string, unknown> });
      try {
        return HttpResponse.json((await resolve(parsed.data, caller)) as JsonBodyType);
      } catch (error) {
        if (error instanceof ConnectError) return errorResponse(error.code, error.rawMessage);
        throw error;
      }
    },
    options.once ? { once: true } : {},
  );
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
      fakeOrg.requests.push({
        method: procedure.method,
        body: (await request.json().catch(() => ({}))) as Record<string, unknown>,
      });
      return errorResponse(code, message);
    },
    options.once ? { once: true } : {},
  );
}
