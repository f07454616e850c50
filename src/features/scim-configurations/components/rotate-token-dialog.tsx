import { zodResolver } from '@hookform/resolvers/zod';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import * as z from 'zod/mini';
import type { ScimConfiguration } from '#contracts/scim-configurations.ts';
import { AlertDialog, AlertDialogCancel } from '../../../components/ui/alert-dialog.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { useConnectivity } from '../../../lib/connectivity.ts';
import { useNow } from '../../../lib/dates.ts';
import { describeError } from '../../../lib/error-messages.ts';
import { useRegenerateScimToken } from '../api/use-regenerate-scim-token.ts';
import { expiryText, TokenLifetimeFields } from './configuration-fields.tsx';
import { confirmationWord, displayName } from './configuration-status.ts';
import type { DialogLifecycleProps, RevealedToken } from './dialog-types.ts';
import { OfflineReason } from './offline-reason.tsx';
import { serverErrorTarget } from './server-errors.ts';
import { CUSTOM_LIFETIME, lifetimeDuration, validateCustomDays } from './token-lifetime.ts';
// Imported statically, not loaded on demand: the one-time token must never wait for (or be lost to)
// a network fetch of the dialog that shows it.
import { ThenRevealToken } from './token-reveal-dialog.tsx';
import {
  CONFIRMATION_MISMATCH,
  matchesConfirmation,
  TypedConfirmation,
} from './typed-confirmation.tsx';

const SAME_AS_BEFORE = 'same';
const DAY_MS = 86_400_000;

function rotateFormSchema(word: string) {
  return z.object({ lifetime: z.string(), customDays: z.string(), confirmation: z.string() }).check(
    z.superRefine(
      (values, ctx) => {
        if (values.lifetime === CUSTOM_LIFETIME) {
          const problem = validateCustomDays(values.customDays);
          if (problem) {
            ctx.addIssue({ code: 'custom', message: problem, path: ['customDays'], input: values });
          }
        }
        if (!matchesConfirmation(values.confirmation, word)) {
          ctx.addIssue({
            code: 'custom',
            message: CONFIRMATION_MISMATCH,
            path: ['confirmation'],
            input: values,
          });
        }
      },
      { when: () => true },
    ),
  );
}

/**
 * The current token's lifetime in days, where the API lets us know it: a configuration never
 * updated still has the token minted at its creation.
 */
export function currentLifetimeDays(
  configuration: Pick<ScimConfiguration, 'createdAt' | 'updatedAt' | 'tokenExpiresAt'>,
): number | undefined {
  if (configuration.updatedAt !== configuration.createdAt) return undefined;
  const days = Math.round(
    (Date.parse(configuration.tokenExpiresAt) - Date.parse(configuration.createdAt)) / DAY_MS,
  );
  return days >= 1 ? days : undefined;
}

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
  const name = displayName(configuration);
  const word = confirmationWord(configuration, 'rotate');
  const now = useNow();
  const offline = useConnectivity() !== 'online';
  const {
    register,
    handleSubmit,
    watch,
    setError,
    setFocus,
    formState: { errors },
  } = useForm({
    resolver: zodResolver(rotateFormSchema(word)),
    defaultValues: { lifetime: SAME_AS_BEFORE, customDays: '', confirmation: '' },
  });
  const ids = { lifetime: useId(), customDays: useId() };
  const lifetime = watch('lifetime');
  const customDays = watch('customDays');
  const keptDays = currentLifetimeDays(configuration);

  const onSubmit = handleSubmit(
    (values) => {
      if (offline) return;
      const request = {
        scimConfigurationId: configuration.id,
        // Omitted on purpose: the server then keeps the previous token's lifetime.
        ...(values.lifetime === SAME_AS_BEFORE
          ? {}
          : { tokenExpiresIn: lifetimeDuration(values.lifetime, values.customDays) }),
      };
      regenerate.mutate(request, {
        onSuccess: (response) => {
          onRotated({
            token: response.token,
            tokenExpiresAt: response.tokenExpiresAt,
            configurationId: configuration.id,
            configurationName: name,
            organizationId: configuration.organizationId,
            ssoConfigurationId: configuration.ssoConfigurationId,
            reason: 'rotated',
          });
          regenerate.reset();
        },
        onError: (error) => {
          const target = serverErrorTarget<'customDays' | 'lifetime'>(
            error,
            request,
            (wireField) =>
              wireField === 'tokenExpiresIn'
                ? values.lifetime === CUSTOM_LIFETIME
                  ? 'customDays'
                  : 'lifetime'
                : undefined,
          );
          if (target.field) setError(target.field, { type: 'server', message: target.message });
        },
      });
    },
    (invalid) => {
      if (invalid.customDays) setFocus('customDays');
      else if (invalid.confirmation) setFocus('confirmation');
    },
  );

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
        {regenerate.isError && !errors.customDays && !errors.lifetime ? (
          <p className="notice notice-error" role="alert">
            Couldn't rotate the token. {describeError(regenerate.error)}
          </p>
        ) : null}
        <TokenLifetimeFields
          ids={ids}
          label="New token lifetime"
          description="Counted from the moment you rotate."
          lifetimeRegistration={register('lifetime')}
          customDaysRegistration={register('customDays')}
          lifetime={lifetime}
          customDays={customDays}
          errors={{ lifetime: errors.lifetime?.message, customDays: errors.customDays?.message }}
          now={now}
          keepCurrent={{
            value: SAME_AS_BEFORE,
            label:
              keptDays === undefined
                ? 'Same as the current token (default)'
                : `Same as the current token: ${keptDays} days (default)`,
            expiry:
              keptDays === undefined
                ? 'The server keeps the current token’s lifetime; the new expiry date is shown after rotating.'
                : (expiryText(keptDays, now) ?? ''),
          }}
        />
        <TypedConfirmation
          word={word}
          isName={Boolean(configuration.name.trim())}
          inputProps={register('confirmation')}
          error={errors.confirmation?.message}
        />
        <OfflineReason action="rotate the token" />
        <div className="dialog-actions">
          <AlertDialogCancel disabled={regenerate.isPending}>Cancel</AlertDialogCancel>
          <Button type="submit" variant="danger" disabled={regenerate.isPending || offline}>
            {regenerate.isPending ? 'Rotating…' : 'Rotate token'}
          </Button>
        </div>
      </form>
    </AlertDialog>
  );
}
