import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { sessionQueries } from '../features/session/api/session-queries.ts';
import {
  SessionErrorScreen,
  SessionLoadingScreen,
} from '../features/session/components/session-loading-screen.tsx';
import { useSessionState } from '../lib/session.ts';
import { AppLayout } from './app-layout.tsx';
import { AppRoutes } from './app-routes.tsx';

// With a session (the usual first page) neither screen shows, so they stay out of the entry chunk.
const SignInScreen = lazy(() =>
  import('../features/session/components/sign-in-screen.tsx').then((m) => ({
    default: m.SignInScreen,
  })),
);
const AdminRequiredScreen = lazy(() =>
  import('../features/session/components/admin-required-screen.tsx').then((m) => ({
    default: m.AdminRequiredScreen,
  })),
);

/** Sign-in replaces the whole app until there is a session; then the admin check; then the pages. */
export function App() {
  const session = useSessionState();
  if (!session.token) {
    return (
      <Suspense fallback={<SessionLoadingScreen />}>
        <SignInScreen endedReason={session.endedReason} />
      </Suspense>
    );
  }
  return <SignedInApp accessDenied={session.accessDenied} />;
}

function SignedInApp({ accessDenied }: { accessDenied: boolean }) {
  const identity = useQuery(sessionQueries.identity());
  if (identity.data === undefined) {
    if (identity.isError) {
      return <SessionErrorScreen error={identity.error} onRetry={() => void identity.refetch()} />;
    }
    return <SessionLoadingScreen />;
  }
  if (!identity.data.isAdmin || accessDenied) {
    return (
      <Suspense fallback={<SessionLoadingScreen />}>
        <AdminRequiredScreen organizationName={identity.data.organizationName} />
      </Suspense>
    );
  }
  return (
    <AppLayout identity={identity.data}>
      <AppRoutes organizationId={identity.data.organizationId} />
    </AppLayout>
  );
}
