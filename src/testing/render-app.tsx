// Renders the real app (providers, session gate, routes) at a path, with a fresh QueryClient.
import type { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { App } from '../app/app.tsx';
import { AppProviders } from '../app/providers.tsx';
import { createQueryClient } from '../lib/query-client.ts';
import { reloadSessionFromStorage, SESSION_STORAGE_KEY } from '../lib/session.ts';
import { ADMIN_TOKEN } from './backend.ts';

export interface RenderAppOptions {
  path?: string;
  /** The personal access token already in sessionStorage; null renders the sign-in screen. */
  token?: string | null;
}

export function renderApp({ path = '/', token = ADMIN_TOKEN }: RenderAppOptions = {}) {
  if (token) window.sessionStorage.setItem(SESSION_STORAGE_KEY, token);
  reloadSessionFromStorage();
  const queryClient: QueryClient = createQueryClient({ retryDelay: () => 0 });
  const location = memoryLocation({ path, record: true });
  const user = userEvent.setup();
  const result = render(
    <AppProviders queryClient={queryClient}>
      <Router hook={location.hook}>
        <App />
      </Router>
    </AppProviders>,
  );
  return { ...result, user, queryClient, location };
}
