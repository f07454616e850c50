import './styles/tokens.css';
import './styles/base.css';
import './styles/components.css';
import './styles/list.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { AppErrorBoundary } from './app/error-boundary.tsx';
import { AppProviders } from './app/providers.tsx';
import { scimConfigurationQueries } from './features/scim-configurations/api/scim-configuration-queries.ts';
import { ssoConfigurationQueries } from './features/scim-configurations/api/sso-configuration-queries.ts';
import { sessionQueries } from './features/session/api/session-queries.ts';
import { createQueryClient } from './lib/query-client.ts';
import { runtimeConfigQueryOptions } from './lib/runtime-config.ts';
import { getSessionToken } from './lib/session.ts';

const queryClient = createQueryClient();

/** How long the first render waits for the first screen's data before it shows loading states. */
const FIRST_SCREEN_WAIT_MS = 1000;

// Start every request the first screen needs at once rather than one after another (most answers
// are already on their way, see public/early-requests.js): the list does not depend on the
// who-am-I answer, the server checks the role anyway.
async function prefetchFirstScreen(): Promise<void> {
  void queryClient.prefetchQuery(runtimeConfigQueryOptions());
  if (!getSessionToken()) return;
  const path = window.location.pathname;
  const detailId = /^\/scim\/([^/]+)\/?$/.exec(path)?.[1];
  const page = detailId
    ? queryClient.prefetchQuery(scimConfigurationQueries.detail(detailId))
    : /^\/(scim\/?)?$/.test(path)
      ? queryClient.prefetchInfiniteQuery(scimConfigurationQueries.list())
      : undefined;
  const session = queryClient
    .fetchQuery(sessionQueries.identity())
    .then(({ organizationId }) =>
      queryClient.prefetchQuery(ssoConfigurationQueries.list(organizationId)),
    )
    .catch(() => undefined); // the app shows the error when it renders
  await Promise.all([page, session]);
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

function render(container: HTMLElement) {
  createRoot(container).render(
    <StrictMode>
      <AppErrorBoundary>
        <AppProviders queryClient={queryClient}>
          <App />
        </AppProviders>
      </AppErrorBoundary>
    </StrictMode>,
  );
}

// Rendering once with the data beats a loading screen followed by a second render a moment later;
// index.html shows a static loading state meanwhile, and a slow API still gets its loading states.
void Promise.race([
  prefetchFirstScreen(),
  new Promise((resolve) => setTimeout(resolve, FIRST_SCREEN_WAIT_MS)),
]).then(() => render(root));
