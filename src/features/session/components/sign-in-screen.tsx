import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { ConnectError } from '#contracts/connect.ts';
import { Button } from '../../../components/ui/button.tsx';
import { describedBy, Field } from '../../../components/ui/field.tsx';
import { useDocumentTitle } from '../../../lib/document-title.ts';
import { describeError } from '../../../lib/error-messages.ts';
import { runtimeConfigQueryOptions } from '../../../lib/runtime-config.ts';
import type { SessionEndReason } from '../../../lib/session.ts';
import { useSignIn } from '../api/use-sign-in.ts';

function signInErrorMessage(error: unknown): string {
  if (error instanceof ConnectError && error.code === 'unauthenticated') {
    return "That token wasn't accepted. Check that you pasted the whole personal access token and that it hasn't expired or been revoked.";
  }
  return describeError(error);
}

export function SignInScreen({ endedReason }: { endedReason: SessionEndReason | null }) {
  useDocumentTitle('Sign in');
  const [token, setToken] = useState('');
  const [emptyError, setEmptyError] = useState<string>();
  const signIn = useSignIn();
  const runtimeConfig = useQuery(runtimeConfigQueryOptions());
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = token.trim().replace(/^Bearer\s+/i, '');
    if (!trimmed) {
      setEmptyError('Paste a personal access token.');
      inputRef.current?.focus();
      return;
    }
    setEmptyError(undefined);
    // A refused token: back to the field, whose description now says why.
    signIn.mutate(trimmed, { onError: () => inputRef.current?.focus() });
  };

  const error = emptyError ?? (signIn.isError ? signInErrorMessage(signIn.error) : undefined);
  const apiTarget = runtimeConfig.data
    ? runtimeConfig.data.mode === 'local'
      ? `the local reference backend (${window.location.origin}/api)`
      : runtimeConfig.data.apiTarget
    : undefined;

  return (
    <main className="auth-screen">
      <div className="auth-card">
        <p className="brand">SCIM provisioning admin</p>
        <h1>Sign in</h1>
        {endedReason === 'expired' ? (
          <p className="notice notice-warning" role="alert">
            Your session ended, sign in again.
          </p>
        ) : null}
        <p className="muted">
          Use a personal access token of an organization admin. It is kept in this browser tab only
          and forgotten when you sign out or close the tab.
        </p>
        <form onSubmit={onSubmit} noValidate>
          <Field
            id={inputId}
            label="Personal access token"
            error={error}
            description={
              apiTarget ? (
                <>
                  Signs in to <span className="mono">{apiTarget}</span>
                </>
              ) : runtimeConfig.isError ? (
                'The API address could not be loaded.'
              ) : (
                'Loading the API address…'
              )
            }
          >
            <input
              id={inputId}
              ref={inputRef}
              // A text field masked with CSS: password managers should not offer to save API tokens.
              className="input mono input-secret"
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={token}
              onChange={(event) => setToken(event.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy(inputId, { description: true, error })}
            />
          </Field>
          <Button type="submit" variant="primary" disabled={signIn.isPending} className="btn-block">
            {signIn.isPending ? 'Signing in…' : 'Sign in'}
          </Button>
        </form>
      </div>
    </main>
  );
}
