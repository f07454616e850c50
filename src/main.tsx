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
import { sessionQueries } from './features/session/api/session-queries.ts';
import { createQueryClient } from './lib/query-client.ts';
import { runtimeConfigQueryOptions } from './lib/runtime-config.ts';
import { getSessionToken } from './lib/session.ts';

const queryClient = createQueryClient();
// Start every request the first screen needs at once rather than one after another: the list does
// not depend on the who-am-I answer (the server checks the role anyway).
void queryClient.prefetchQuery(runtimeConfigQueryOptions());
if (getSessionToken()) {
  void queryClient.prefetchQuery(sessionQueries.identity());
  void queryClient.prefetchInfiniteQuery(scimConfigurationQueries.list());
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <AppErrorBoundary>
      <AppProviders queryClient={queryClient}>
        <App />
      </AppProviders>
    </AppErrorBoundary>
  </StrictMode>,
);
