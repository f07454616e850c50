import { Button } from '../../../components/ui/button.tsx';
import { LoadingState } from '../../../components/ui/loading-state.tsx';
import { useDocumentTitle } from '../../../lib/document-title.ts';
import { describeError } from '../../../lib/error-messages.ts';
import { useSignOut } from '../api/use-sign-out.ts';

export function SessionLoadingScreen() {
  useDocumentTitle('Loading');
  return (
    <main className="auth-screen">
      <LoadingState label="Checking your access…" />
    </main>
  );
}

export function SessionErrorScreen({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  useDocumentTitle("Couldn't load your session");
  const signOut = useSignOut();
  return (
    <main className="auth-screen">
      <div className="auth-card">
        <h1>Couldn't load your account</h1>
        <p role="alert">{describeError(error)}</p>
        <div className="actions">
          <Button variant="primary" onClick={onRetry}>
            Retry
          </Button>
          <Button onClick={signOut}>Sign out</Button>
        </div>
      </div>
    </main>
  );
}
