// API under load: throughput and latency of the Connect endpoints against a bare node:http floor.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { create as createMessage, toBinary } from '@bufbuild/protobuf';
import type { ScimConfiguration } from '../../contracts/scim-configurations.ts';
import type { Database } from '../../server/db/database.ts';
import { ListSCIMConfigurationsRequestSchema } from '../../server/gen/gitpod/v1/organization_pb.ts';
import { type LoadResult, runInterleaved, runLoad } from './load.ts';
import { type Running, startBaseline } from './processes.ts';
import { connectHeaders, rpc } from './rpc.ts';

const ORG = 'gitpod.v1.OrganizationService';
const LIST = `${ORG}/ListSCIMConfigurations`;

export interface ApiFigures {
  listFirst: LoadResult;
  /** The same first page over Connect binary (application/proto), as the official SDK asks. */
  listFirstBinary: LoadResult;
  listDeep: LoadResult;
  deepPage: number;
  baseline: LoadResult;
  get: LoadResult;
  update: LoadResult;
  create: LoadResult;
  createdRows: number;
  integrity: string;
}

interface ListPage {
  scimConfigurations?: ScimConfiguration[];
  pagination?: { nextToken?: string };
}

export async function benchApi(options: {
  backend: Running;
  token: string;
  /** The backend's database, opened by the bench to count and check rows. */
  database: Database;
  workDir: string;
  durationSeconds: number;
  connections: number;
  log: (line: string) => void;
}): Promise<ApiFigures> {
  const { backend, token, durationSeconds, connections, log } = options;
  const headers = connectHeaders(token);
  const load = (requests: Parameters<typeof runLoad>[0]['requests']) =>
    runLoad({ url: backend.url, connections, durationSeconds, requests });

  const firstBody = JSON.stringify({ pagination: { pageSize: 100 } });
  const first = await rpc<ListPage>(backend.url, token, LIST, { pagination: { pageSize: 100 } });
  const sample = first.scimConfigurations?.[0];
  if (!sample) throw new Error('the seeded organization has no SCIM configurations');

  // Walk the list to page 90 as a client would: the token for page k is page k-1's nextToken.
  const deepPage = 90;
  let token90 = first.pagination?.nextToken ?? '';
  for (let page = 2; page < deepPage && token90; page++) {
    const next = await rpc<ListPage>(backend.url, token, LIST, {
      pagination: { pageSize: 100, token: token90 },
    });
    token90 = next.pagination?.nextToken ?? '';
  }
  if (!token90) throw new Error(`the list has fewer than ${deepPage} pages of 100`);
  const deepBody = JSON.stringify({ pagination: { pageSize: 100, token: token90 } });

  const binary = toBinary(
    ListSCIMConfigurationsRequestSchema,
    createMessage(ListSCIMConfigurationsRequestSchema, { pagination: { pageSize: 100 } }),
  );
  // The load runner takes text bodies; these four bytes are ASCII, so the text is the bytes.
  if (binary.some((byte) => byte > 0x7f)) throw new Error('binary request body is not ASCII');

  const bodyFile = join(options.workDir, 'first-page.json');
  writeFileSync(bodyFile, JSON.stringify(first));
  const floor = await startBaseline(bodyFile);
  const rounds = 5;
  log(
    `API: ListSCIMConfigurations first page (JSON, binary), page ${deepPage} and the node:http baseline, in ${rounds} turns`,
  );
  const list = (body: string, contentType = 'application/json') => ({
    url: backend.url,
    connections,
    requests: [
      {
        method: 'POST',
        path: `/api/${LIST}`,
        headers: { ...headers, 'content-type': contentType },
        body,
      },
    ],
  });
  let lists: Record<'listFirst' | 'listFirstBinary' | 'listDeep' | 'baseline', LoadResult>;
  try {
    // The guarded figures are ratios between these cases: measured in turns, on the same machine.
    lists = await runInterleaved(
      {
        listFirst: list(firstBody),
        listFirstBinary: list(String.fromCharCode(...binary), 'application/proto'),
        listDeep: list(deepBody),
        baseline: { ...list(firstBody), url: floor.url },
      },
      { rounds, sliceSeconds: Math.max(1, Math.round(durationSeconds / rounds)) },
    );
  } finally {
    await floor.stop();
  }
  const { listFirst, listFirstBinary, listDeep, baseline } = lists;

  log('API: GetSCIMConfiguration');
  const idBody = JSON.stringify({ scimConfigurationId: sample.id });
  const get = await load([
    { method: 'POST', path: `/api/${ORG}/GetSCIMConfiguration`, headers, body: idBody },
  ]);

  log('API: UpdateSCIMConfiguration toggling enabled');
  const toggle = (enabled: boolean) => ({
    method: 'POST',
    path: `/api/${ORG}/UpdateSCIMConfiguration`,
    headers,
    body: JSON.stringify({ scimConfigurationId: sample.id, enabled }),
  });
  const update = await load([toggle(false), toggle(true)]);

  log('API: CreateSCIMConfiguration sustained');
  const countRows = async () => {
    const row = await options.database.db
      .selectFrom('scim_configurations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const before = await countRows();
  const createBody = JSON.stringify({
    organizationId: sample.organizationId,
    ssoConfigurationId: sample.ssoConfigurationId,
    name: 'Load test',
    tokenExpiresIn: '7776000s',
  });
  const create = await load([
    { method: 'POST', path: `/api/${ORG}/CreateSCIMConfiguration`, headers, body: createBody },
  ]);
  const createdRows = (await countRows()) - before;

  // SQLite checks its own file; PostgreSQL has no equivalent without an extension.
  const sqlite = options.database.sqlite;
  const integrity = sqlite
    ? (sqlite.prepare('PRAGMA integrity_check').get() as { integrity_check: string })
        .integrity_check
    : 'n/a';

  return {
    listFirst,
    listFirstBinary,
    listDeep,
    deepPage,
    baseline,
    get,
    update,
    create,
    createdRows,
    integrity,
  };
}
