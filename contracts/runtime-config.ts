// Served by the backend at GET /runtime-config.json so deploy-time settings are not baked into the build.
import * as z from 'zod/mini';

export const RUNTIME_CONFIG_PATH = '/runtime-config.json';

export const runtimeConfigSchema = z.object({
  /** The SCIM 2.0 base URL identity providers call, e.g. `https://admin.example.com/scim/v2`. */
  scimBaseUrl: z.string(),
  /** Where the API calls go: `local` reference backend, or the upstream URL in proxy mode. */
  apiTarget: z.string(),
  mode: z.enum(['local', 'proxy']),
});
export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;
