// `BENCH_ONLY=adapter npm run bench`: the list's first page served by connect-node's
// `connectNodeAdapter` on a plain node:http server (the rest falling back to Hono) against the
// universal handler inside Hono that the server uses (server/connect.ts), in turns. Both do the
// same work per call: authenticate, decode, validate with the zod contract, read the page.
// Request logging is off in both, so the figures compare the two ways of serving only.
import { once } from 'node:events';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { create, toBinary, toJson } from '@bufbuild/protobuf';
import type { ConnectRouter } from '@connectrpc/connect';
import { connectNodeAdapter } from '@connectrpc/connect-node';
import { getRequestListener } from '@hono/node-server';
import { procedures } from '../../contracts/procedures.ts';
import { createApp, createServiceContext } from '../../server/app.ts';
import type { Database } from '../../server/db/database.ts';
import { createListEncoder } from '../../server/encoded-list.ts';
import {
  ListSCIMConfigurationsRequestSchema,
  OrganizationService,
} from '../../server/gen/gitpod/v1/organization_pb.ts';
import { silentLog } from '../../server/log.ts';
import { createStorage } from '../../server/repositories/repositories.ts';
import { createAuthenticator } from '../../server/services/authentication.ts';
import { listScimConfigurations } from '../../server/services/scim-configuration-service.ts';
import { type LoadResult, runInterleaved } from './load.ts';

export interface AdapterFigures {
  honoJson: LoadResult;
  honoBinary: LoadResult;
  adapterJson: LoadResult;
  adapterBinary: LoadResult;
}

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function benchAdapter(options: {
  /** A seeded database (the bench's own handle on its backend's). */
  database: Database;
  token: string;
  durationSeconds: number;
  connections: number;
  log: (line: string) => void;
}): Promise<AdapterFigures> {
  const { database, token, connections } = options;
  const now = () => new Date();
  const app = createApp({ database, config: {}, log: silentLog, logRequests: false });
  const ctx = createServiceContext(createStorage(database), now);
  const authenticate = createAuthenticator(ctx.repos.accessTokens, now);
  const method = OrganizationService.method.listSCIMConfigurations;
  const encoder = createListEncoder(method.output);
  const routes = (router: ConnectRouter) =>
    router.rpc(method, async (request, context) => {
      const caller = await authenticate(context.requestHeader.get('authorization') ?? undefined);
      const input = procedures.listScimConfigurations.request.parse(toJson(method.input, request));
      // connect-es serializes what the handler returns: no answer encoded at the edge here.
      return encoder.message(await listScimConfigurations(ctx, caller, input));
    });
  const hono = getRequestListener(app.fetch);
  const honoServer = createServer(hono);
  const adapterServer = createServer(
    connectNodeAdapter({
      routes,
      requestPathPrefix: '/api',
      // The rest (static files, /healthz, SCIM) stays Hono's.
      fallback: (request, response) => void hono(request, response as ServerResponse),
    }),
  );
  const [honoUrl, adapterUrl] = [await listen(honoServer), await listen(adapterServer)];
  const headers = { authorization: `Bearer ${token}` };
  const path = `/api/${procedures.listScimConfigurations.path}`;
  const json = JSON.stringify({ pagination: { pageSize: 100 } });
  const binary = toBinary(
    ListSCIMConfigurationsRequestSchema,
    create(ListSCIMConfigurationsRequestSchema, { pagination: { pageSize: 100 } }),
  );
  const at = (url: string, body: string, contentType: string) => ({
    url,
    connections,
    requests: [
      { method: 'POST', path, headers: { ...headers, 'content-type': contentType }, body },
    ],
  });
  // The four bytes of the binary request are ASCII, so the load runner's text is the bytes.
  const proto = String.fromCharCode(...binary);
  options.log('Adapter: first list page, Hono + universal handler vs connectNodeAdapter, in turns');
  try {
    return await runInterleaved(
      {
        honoJson: at(honoUrl, json, 'application/json'),
        honoBinary: at(honoUrl, proto, 'application/proto'),
        adapterJson: at(adapterUrl, json, 'application/json'),
        adapterBinary: at(adapterUrl, proto, 'application/proto'),
      },
      { rounds: 5, sliceSeconds: Math.max(1, Math.round(options.durationSeconds / 5)) },
    );
  } finally {
    honoServer.close();
    adapterServer.close();
  }
}
