import { type FormEvent, useId, useState } from 'react';
import type { ScimConfiguration } from '#contracts/scim-configurations.ts';
import { AlertDialog, AlertDialogCancel } from '../../../components/ui/alert-dialog.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { describedBy, Field } from '../../../components/ui/field.tsx';
import { describeError } from '../../../lib/error-messages.ts';
import { useRegenerateScimToken } from '../api/use-regenerate-scim-token.ts';
import type { DialogLifecycleProps, RevealedToken } from './configuration-dialogs.tsx';
import { confirmationWord, displayName } from './configuration-status.ts';
import {
  CUSTOM_LIFETIME,
  lifetimeDuration,
  lifetimePresets,
  validateCustomDays,
} from './token-lifetime.ts';
// Imported statically, not loaded on demand: the one-time token must never wait for (or be lost to)
// a network fetch of the dialog that shows it.
import { ThenRevealToken } from './token-reveal-dialog.tsx';
import { matchesConfirmation, TypedConfirmation } from './typed-confirmation.tsx';

const SAME_AS_BEFORE = 'same';

export interface RotateTokenDialogProps extends DialogLifecycleProps {
  configuration: ScimConfiguration;
}

/** The confirmation, then the token reveal: the token lives in this component's state until close. */
export function RotateTokenDialog(props: RotateTokenDialogProps) {
  return (
    <ThenRevealToken {...props}>
      {(onMinted) => <RotateTokenConfirmation {...props} onRotated={onMinted} />}
    </ThenRevealToken>
  );
}

function RotateTokenConfirmation({
  configuration,
  onRotated,
  onClose,
  onCloseAutoFocus,
}: RotateTokenDialogProps & { onRotated: (secret: RevealedToken) => void }) {
  const regenerate = useRegenerateScimToken();
  const [lifetime, setLifetime] = useState(SAME_AS_BEFORE);
  const [customDays, setCustomDays] = useState('');
  const [customTouched, setCustomTouched] = useState(false);
  const [typed, setTyped] = useState('');
  const lifetimeId = useId();
  const customId = useId();
  const name = displayName(configuration);
  const word = confirmationWord(configuration, 'rotate');

  const customError = lifetime === CUSTOM_LIFETIME ? validateCustomDays(customDays) : undefined;
  const canRotate = matchesConfirmation(typed, word) && !customError && !regenerate.isPending;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setCustomTouched(true);
    if (!canRotate) return;
    regenerate.mutate(
      {
        scimConfigurationId: configuration.id,
        // Omitted on purpose: the server then keeps the previous token's lifetime.
        ...(lifetime === SAME_AS_BEFORE
          ? {}
          : { tokenExpiresIn: lifetimeDuration(lifetime, customDays) }),
      },
      {
        onSuccess: (response) => {
          onRotated({
            token: response.token,
            tokenExpiresAt: response.tokenExpiresAt,
            configurationId: configuration.id,
            configurationName: name,
            reason: 'rotated',
          });
          regenerate.reset();
        },
      },
    );
  };

  return (
    <AlertDialog
      open
      onOpenChange={(open) => {
        if (!open && !regenerate.isPending) onClose();
      }}
      onCloseAutoFocus={onCloseAutoFocus}
      title={`Rotate token for ${name}?`}
      description={
        <>
          <p>
            The current token stops working immediately. Provisioning fails until you paste the new
            token into your identity provider.
          </p>
          <p>The new token is shown once, right after you rotate.</p>
        </>
      }
    >
      <form onSubmit={onSubmit} noValidate className="form">
        {regenerate.isError ? (
          <p className="notice notice-error" role="alert">
            Couldn't rotate the token. {describeError(regenerate.error)}
          </p>
        ) : null}
        <Field id={lifetimeId} label="New token lifetime">
          <select
            id={lifetimeId}
            className="input"
            value={lifetime}
            onChange={(event) => setLifetime(event.target.value)}
          >
            <option value={SAME_AS_BEFORE}>Same as before (default)</option>
            {lifetimePresets.map((preset) => (
              <option key={preset.value} value={preset.value}>
                {preset.label}
              </option>
            ))}
            <option value={CUSTOM_LIFETIME}>Custom…</option>
          </select>
        </Field>
        {lifetime === CUSTOM_LIFETIME ? (
          <Field
            id={customId}
            label="Custom lifetime (days)"
            description="Between 1 and 730 days."
            error={customTouched ? customError : undefined}
          >
            <input
              id={customId}
              className="input input-short"
              inputMode="numeric"
              autoComplete="off"
              value={customDays}
              onChange={(event) => setCustomDays(event.target.value)}
              onBlur={() => setCustomTouched(true)}
              aria-invalid={customTouched && customError ? true : undefined}
              aria-describedby={describedBy(customId, {
                description: true,
                error: customTouched ? customError : undefined,
              })}
            />
          </Field>
        ) : null}
        <TypedConfirmation word={word} value={typed} onChange={setTyped} />
        <div className="dialog-actions">
          <AlertDialogCancel disabled={regenerate.isPending}>Cancel</AlertDialogCancel>
          <Button type="submit" variant="danger" disabled={!canRotate}>
            {regenerate.isPending ? 'Rotating…' : 'Rotate token'}
          </Button>
        </div>
      </form>
    </AlertDialog>
  );
}
