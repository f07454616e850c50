import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Button } from '../../../components/ui/button.tsx';
import { Dialog } from '../../../components/ui/dialog.tsx';
import { formatDateTime, formatRelative, useNow } from '../../../lib/dates.ts';
import { describeError } from '../../../lib/error-messages.ts';
import { runtimeConfigQueryOptions } from '../../../lib/runtime-config.ts';
import type { DialogLifecycleProps, RevealedToken } from './dialog-types.ts';
import { SetupKit } from './setup-kit.tsx';
import { TestConnection } from './test-connection.tsx';
import { useIdentityProvider } from './use-identity-provider.ts';

export interface TokenRevealDialogProps extends DialogLifecycleProps {
  secret: RevealedToken;
}

/**
 * A dialog that mints a token (create, rotate): `children` renders its first step and calls
 * `onMinted`; the token reveal then replaces it. The token lives only in this state until close.
 */
export function ThenRevealToken({
  onClose,
  onCloseAutoFocus,
  children,
}: DialogLifecycleProps & { children: (onMinted: (secret: RevealedToken) => void) => ReactNode }) {
  const [secret, setSecret] = useState<RevealedToken | null>(null);
  if (!secret) return children(setSecret);
  return (
    <TokenRevealDialog secret={secret} onClose={onClose} onCloseAutoFocus={onCloseAutoFocus} />
  );
}

/** Until the token is copied, closing or reloading the tab asks first: losing it means rotating. */
function useWarnBeforeUnload(active: boolean) {
  useEffect(() => {
    if (!active) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [active]);
}

/**
 * Shows the one-time token inside the setup kit of the admin's identity provider. The token lives
 * only in this dialog's props (the host's state): when the dialog closes it is gone.
 */
export function TokenRevealDialog({ secret, onClose, onCloseAutoFocus }: TokenRevealDialogProps) {
  const runtimeConfig = useQuery(runtimeConfigQueryOptions());
  const url = runtimeConfig.data?.scimBaseUrl ?? '';
  const [tokenCopied, setTokenCopied] = useState(false);
  const [confirmingClose, setConfirmingClose] = useState(false);
  const keepOpenRef = useRef<HTMLButtonElement>(null);
  const copyTokenRef = useRef<HTMLButtonElement>(null);
  const retryRef = useRef<HTMLButtonElement>(null);
  const now = useNow();
  const expiresAt = new Date(secret.tokenExpiresAt);
  const provider = useIdentityProvider({
    id: secret.configurationId,
    organizationId: secret.organizationId,
    ssoConfigurationId: secret.ssoConfigurationId,
  });
  useWarnBeforeUnload(!tokenCopied);

  useEffect(() => {
    if (confirmingClose) keepOpenRef.current?.focus();
  }, [confirmingClose]);

  const requestClose = () => {
    if (tokenCopied) onClose();
    else setConfirmingClose(true);
  };

  return (
    <Dialog
      open
      size="lg"
      descriptionTone="warning"
      onOpenAutoFocus={(event) => {
        // Start on the token's copy button: the one value that cannot be seen again.
        event.preventDefault();
        copyTokenRef.current?.focus();
      }}
      onOpenChange={(open) => {
        if (!open) requestClose();
      }}
      onCloseAutoFocus={onCloseAutoFocus}
      title="Your SCIM token is shown only once"
      description={
        secret.reason === 'rotated'
          ? 'The previous token already stopped working: paste this one into your identity provider now, or provisioning stays down. Afterwards you can only rotate again.'
          : 'This is the only time the token is shown. Copy it and the URL into your identity provider now: afterwards you can only rotate it.'
      }
    >
      <p className="muted">
        {secret.reason === 'created'
          ? `Created ${secret.configurationName}.`
          : `Rotated the token of ${secret.configurationName}.`}{' '}
        The token expires{' '}
        <time dateTime={secret.tokenExpiresAt} title={formatDateTime(expiresAt)}>
          {formatDateTime(expiresAt)} ({formatRelative(expiresAt, now, 'day')})
        </time>
        .
      </p>
      {runtimeConfig.isError ? (
        // The token stays copyable: only the URL is missing.
        <div className="notice notice-error url-load-error" role="alert">
          <p>
            Couldn't load the SCIM base URL. {describeError(runtimeConfig.error)} You can still copy
            the token.
          </p>
          <Button ref={retryRef} size="sm" onClick={() => void runtimeConfig.refetch()}>
            {runtimeConfig.isFetching ? 'Retrying…' : 'Retry'}
          </Button>
        </div>
      ) : null}
      <SetupKit
        configurationId={secret.configurationId}
        initialProvider={provider}
        scimBaseUrl={url}
        urlPlaceholder={runtimeConfig.isPending ? 'Loading…' : 'Unavailable'}
        token={secret.token}
        onTokenCopied={() => {
          setTokenCopied(true);
          setConfirmingClose(false);
        }}
        copyTokenRef={copyTokenRef}
      />
      <TestConnection scimBaseUrl={url} token={secret.token} />
      {confirmingClose ? (
        <div className="notice notice-warning confirm-close" role="alert">
          <p>You haven't copied the token. Close anyway?</p>
          <div className="actions">
            <Button
              ref={keepOpenRef}
              onClick={() => {
                setConfirmingClose(false);
                copyTokenRef.current?.focus();
              }}
            >
              Keep open
            </Button>
            <Button variant="danger" onClick={onClose}>
              Close anyway
            </Button>
          </div>
        </div>
      ) : (
        <div className="dialog-actions">
          <Button variant="secondary" onClick={requestClose}>
            Done
          </Button>
        </div>
      )}
    </Dialog>
  );
}
