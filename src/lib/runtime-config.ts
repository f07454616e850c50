// Deploy-time settings the backend serves at /runtime-config.json (not baked into the build).
import { queryOptions } from '@tanstack/react-query';
import { ConnectError } from '#contracts/connect.ts';
import {
  RUNTIME_CONFIG_PATH,
  type RuntimeConfig,
  runtimeConfigSchema,
} from '#contracts/runtime-config.ts';

async function fetchRuntimeConfig(signal: AbortSignal): Promise<RuntimeConfig> {
  let response: Response;
  try {
    response = await fetch(RUNTIME_CONFIG_PATH, {
      signal,
      headers: { Accept: 'application/json' },
    });
  } catch {
    throw new ConnectError('unavailable', 'The runtime configuration could not be loaded');
  }
  if (!response.ok) {
    throw new ConnectError(
      'unavailable',
      `The runtime configuration answered HTTP ${response.status}`,
    );
  }
  const parsed = runtimeConfigSchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new ConnectError('internal', 'The runtime configuration is malformed');
  return parsed.data;
}

export const runtimeConfigQueryOptions = () =>
  queryOptions({
    queryKey: ['runtime-config'] as const,
    queryFn: ({ signal }) => fetchRuntimeConfig(signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
