import { useQuery } from '@tanstack/react-query';
import { sessionQueries } from '../features/session/api/session-queries.ts';
import { AdminRequiredScreen } from '../features/session/components/admin-required-screen.tsx';
import {
  SessionErrorScreen,
  SessionLoadingScreen,
} from '../features/session/components/session-loading-screen.tsx';
import { SignInScreen } from '../features/session/components/sign-in-screen.tsx';
import { useSessionState } from '../lib/session.ts';
import { AppLayout } from './app-layout.tsx';
import { AppRoutes } from './app-routes.tsx';

/** Sign-in replaces the whole app until there is a session; then the admin check; then the pages. */
export function App() {
  const session = useSessionState();
  if (!session.token) return <SignInScreen endedReason={session.endedReason} />;
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
    return <AdminRequiredScreen organizationName={identity.data.organizationName} />;
  }
  return (
    <AppLayout identity={identity.data}>
      <AppRoutes organizationId={identity.data.organizationId} />
    </AppLayout>
  );
}
