import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { Button } from '../../../components/ui/button.tsx';
import { Dialog } from '../../../components/ui/dialog.tsx';
import { copyShortcut, copyText } from '../../../lib/clipboard.ts';
import { formatDateTime, formatRelative, useNow } from '../../../lib/dates.ts';
import { describeError } from '../../../lib/error-messages.ts';
import { runtimeConfigQueryOptions } from '../../../lib/runtime-config.ts';
import type { DialogLifecycleProps, RevealedToken } from './configuration-dialogs.tsx';
import { TestConnection } from './test-connection.tsx';

type CopyTarget = 'url' | 'token' | 'both';

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

/**
 * Shows the one-time token next to the SCIM endpoint URL. The token lives only in this dialog's
 * props (the host's state): when the dialog closes it is gone.
 */
export function TokenRevealDialog({ secret, onClose, onCloseAutoFocus }: TokenRevealDialogProps) {
  const runtimeConfig = useQuery(runtimeConfigQueryOptions());
  const url = runtimeConfig.data?.scimBaseUrl ?? '';
  const [tokenCopied, setTokenCopied] = useState(false);
  const [status, setStatus] = useState('');
  const [confirmingClose, setConfirmingClose] = useState(false);
  const urlRef = useRef<HTMLInputElement>(null);
  const tokenRef = useRef<HTMLInputElement>(null);
  const keepOpenRef = useRef<HTMLButtonElement>(null);
  const copyBothRef = useRef<HTMLButtonElement>(null);
  const urlId = useId();
  const urlErrorId = useId();
  const tokenId = useId();
  const now = useNow();
  const expiresAt = new Date(secret.tokenExpiresAt);

  useEffect(() => {
    if (confirmingClose) keepOpenRef.current?.focus();
  }, [confirmingClose]);

  // A successful Retry removes its own button: carry on where the admin was headed.
  const focusAfterRetryRef = useRef(false);
  useEffect(() => {
    if (!url || !focusAfterRetryRef.current) return;
    focusAfterRetryRef.current = false;
    copyBothRef.current?.focus();
  }, [url]);

  const copy = async (target: CopyTarget) => {
    const text =
      target === 'url' ? url : target === 'token' ? secret.token : `${url}\n${secret.token}`;
    if (await copyText(text)) {
      if (target !== 'url') setTokenCopied(true);
      setConfirmingClose(false);
      setStatus(
        target === 'url'
          ? 'Copied the SCIM endpoint URL.'
          : target === 'token'
            ? 'Copied the bearer token.'
            : 'Copied both: the SCIM endpoint URL on the first line, the bearer token on the second.',
      );
      return;
    }
    // The clipboard refused (permissions, insecure context): select the text for a manual copy.
    const field = target === 'url' ? urlRef.current : tokenRef.current;
    field?.focus();
    field?.select();
    const what = target === 'url' ? 'SCIM endpoint URL' : 'bearer token';
    setStatus(
      target === 'both'
        ? `Couldn't copy automatically. Copy each value yourself: the ${what} is selected, press ${copyShortcut()}.`
        : `Couldn't copy automatically. The ${what} is selected: press ${copyShortcut()} to copy it.`,
    );
  };

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
        // Start on the action the admin came for; the fields stay one Tab away.
        event.preventDefault();
        const copyBoth = copyBothRef.current;
        if (copyBoth && !copyBoth.disabled) copyBoth.focus();
        else tokenRef.current?.focus();
      }}
      onOpenChange={(open) => {
        if (!open) requestClose();
      }}
      onCloseAutoFocus={onCloseAutoFocus}
      title="Your SCIM token is shown only once"
      description="This is the only time the token is shown. Copy it and the endpoint URL into your identity provider now: afterwards you can only rotate it."
    >
      <p className="muted">
        {secret.reason === 'created'
          ? `Created ${secret.configurationName}.`
          : `Rotated the token of ${secret.configurationName}. The previous token no longer works.`}
      </p>
      <div className="copy-field">
        <label className="field-label" htmlFor={urlId}>
          SCIM endpoint URL
        </label>
        <div className="copy-row">
          <input
            id={urlId}
            ref={urlRef}
            className="input mono"
            readOnly
            value={runtimeConfig.isPending ? 'Loading…' : runtimeConfig.isError ? '' : url}
            aria-describedby={runtimeConfig.isError ? urlErrorId : undefined}
            onFocus={(event) => event.target.select()}
          />
          <Button onClick={() => void copy('url')} disabled={!url}>
            Copy URL
          </Button>
        </div>
        {runtimeConfig.isError ? (
          // The token below stays copyable: only the URL is missing.
          <div className="notice notice-error url-load-error" role="alert">
            <p id={urlErrorId}>
              Couldn't load the SCIM endpoint URL. {describeError(runtimeConfig.error)} You can
              still copy the token.
            </p>
            <Button
              size="sm"
              onClick={() => {
                focusAfterRetryRef.current = true;
                void runtimeConfig.refetch();
              }}
            >
              {runtimeConfig.isFetching ? 'Retrying…' : 'Retry'}
            </Button>
          </div>
        ) : null}
      </div>
      <div className="copy-field">
        <label className="field-label" htmlFor={tokenId}>
          Bearer token
        </label>
        <div className="copy-row">
          <input
            id={tokenId}
            ref={tokenRef}
            className="input mono"
            readOnly
            value={secret.token}
            spellCheck={false}
            autoComplete="off"
            onFocus={(event) => event.target.select()}
            onCopy={() => setTokenCopied(true)}
          />
          <Button onClick={() => void copy('token')}>Copy token</Button>
        </div>
      </div>
      <p className="field-description">
        Expires{' '}
        <time dateTime={secret.tokenExpiresAt} title={formatDateTime(expiresAt)}>
          {formatDateTime(expiresAt)} ({formatRelative(expiresAt, now, 'day')})
        </time>
        .
      </p>
      <div className="copy-both-row">
        <Button
          ref={copyBothRef}
          variant="primary"
          onClick={() => void copy('both')}
          disabled={!url}
        >
          Copy both
        </Button>
        <p className="copy-status" role="status" aria-live="polite">
          {status}
        </p>
      </div>
      <TestConnection scimBaseUrl={url} token={secret.token} />
      {confirmingClose ? (
        <div className="notice notice-warning confirm-close" role="alert">
          <p>You haven't copied the token. Close anyway?</p>
          <div className="actions">
            <Button ref={keepOpenRef} onClick={() => setConfirmingClose(false)}>
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
