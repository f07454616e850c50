import { zodResolver } from '@hookform/resolvers/zod';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import * as z from 'zod/mini';
import { NAME_MAX_LENGTH } from '#contracts/common.ts';
import { createScimConfigurationRequestSchema } from '#contracts/scim-configurations.ts';
import { Button } from '../../../components/ui/button.tsx';
import { Dialog } from '../../../components/ui/dialog.tsx';
import { useConnectivity } from '../../../lib/connectivity.ts';
import { useNow } from '../../../lib/dates.ts';
import { useCreateScimConfiguration } from '../api/use-create-scim-configuration.ts';
import { NameField, TokenLifetimeFields, UnverifiedLinkingField } from './configuration-fields.tsx';
import { displayName } from './configuration-status.ts';
import type { DialogLifecycleProps, RevealedToken } from './dialog-types.ts';
import { OfflineReason } from './offline-reason.tsx';
import { placeServerError, serverErrorTarget } from './server-errors.ts';
import {
  noActiveSsoMessage,
  SsoConfigurationField,
  useRefreshSsoConfigurations,
  useSsoConfigurations,
} from './sso-configuration-field.tsx';
import {
  CUSTOM_LIFETIME,
  DEFAULT_LIFETIME_PRESET,
  lifetimeDuration,
  validateCustomDays,
} from './token-lifetime.ts';
// Imported statically, not loaded on demand: the one-time token must never wait for (or be lost to)
// a network fetch of the dialog that shows it.
import { ThenRevealToken } from './token-reveal-dialog.tsx';

const wire = createScimConfigurationRequestSchema.shape;

/** The wire rules of CreateSCIMConfigurationRequest, worded for the form, plus UI-only fields. */
export const createConfigurationFormSchema = z
  .object({
    name: z.string().check(
      z.refine((value) => wire.name.safeParse(value).success, {
        error: `Use at most ${NAME_MAX_LENGTH} characters.`,
      }),
    ),
    ssoConfigurationId: z.string().check(
      z.minLength(1, { error: 'Select an SSO configuration.' }),
      z.refine((value) => value === '' || wire.ssoConfigurationId.safeParse(value).success, {
        error: 'Select an SSO configuration from the list.',
      }),
    ),
    lifetime: z.string(),
    customDays: z.string(),
    allowUnverifiedEmailAccountLinking: z.boolean(),
  })
  .check(
    z.superRefine(
      (values, ctx) => {
        if (values.lifetime !== CUSTOM_LIFETIME) return;
        const problem =
          validateCustomDays(values.customDays) ??
          (wire.tokenExpiresIn.safeParse(lifetimeDuration(CUSTOM_LIFETIME, values.customDays))
            .success
            ? undefined
            : 'Enter a lifetime between 1 and 730 days.');
        if (problem) {
          ctx.addIssue({ code: 'custom', message: problem, path: ['customDays'], input: values });
        }
      },
      // Check the custom days even while another field is still invalid.
      { when: () => true },
    ),
  );

export type CreateConfigurationFormValues = z.infer<typeof createConfigurationFormSchema>;

const defaultValues: CreateConfigurationFormValues = {
  name: '',
  ssoConfigurationId: '',
  lifetime: DEFAULT_LIFETIME_PRESET,
  customDays: '',
  allowUnverifiedEmailAccountLinking: false,
};

type FormField = keyof CreateConfigurationFormValues;

export interface CreateConfigurationDialogProps extends DialogLifecycleProps {
  organizationId: string;
}

/** The create form, then the token reveal: the token lives in this component's state until close. */
export function CreateConfigurationDialog(props: CreateConfigurationDialogProps) {
  return (
    <ThenRevealToken {...props}>
      {(onMinted) => <CreateConfigurationForm {...props} onCreated={onMinted} />}
    </ThenRevealToken>
  );
}

function CreateConfigurationForm({
  organizationId,
  onCreated,
  onClose,
  onCloseAutoFocus,
}: CreateConfigurationDialogProps & { onCreated: (secret: RevealedToken) => void }) {
  const create = useCreateScimConfiguration();
  const sso = useSsoConfigurations(organizationId);
  const refreshSso = useRefreshSsoConfigurations(organizationId);
  const noActiveSso = sso.data ? noActiveSsoMessage(sso.data) : undefined;
  const {
    register,
    handleSubmit,
    watch,
    setError,
    setValue,
    formState: { errors },
  } = useForm({ resolver: zodResolver(createConfigurationFormSchema), defaultValues });
  const ids = {
    name: useId(),
    sso: useId(),
    lifetime: useId(),
    customDays: useId(),
    allowUnverified: useId(),
    root: useId(),
  };

  const name = watch('name');
  const lifetime = watch('lifetime');
  const customDays = watch('customDays');
  const now = useNow();
  const offline = useConnectivity() !== 'online';

  const onSubmit = handleSubmit((values) => {
    if (offline) return;
    const request = {
      organizationId,
      ssoConfigurationId: values.ssoConfigurationId,
      ...(values.name.trim() ? { name: values.name.trim() } : {}),
      tokenExpiresIn: lifetimeDuration(values.lifetime, values.customDays),
      ...(values.allowUnverifiedEmailAccountLinking
        ? { allowUnverifiedEmailAccountLinking: true }
        : {}),
    };
    create.mutate(request, {
      onSuccess: (response) => {
        onCreated({
          token: response.token,
          tokenExpiresAt: response.tokenExpiresAt,
          configurationId: response.scimConfiguration.id,
          configurationName: displayName(response.scimConfiguration),
          organizationId: response.scimConfiguration.organizationId,
          ssoConfigurationId: response.scimConfiguration.ssoConfigurationId,
          reason: 'created',
        });
        create.reset();
      },
      onError: (error) => {
        const target = serverErrorTarget<FormField>(error, request, (wireField) => {
          if (wireField === 'name' || wireField === 'ssoConfigurationId') return wireField;
          if (wireField === 'tokenExpiresIn') {
            return values.lifetime === CUSTOM_LIFETIME ? 'customDays' : 'lifetime';
          }
          return undefined;
        });
        const place = (final: typeof target) => {
          if (final.field) setError(final.field, { type: 'server', message: final.message });
          else setError('root.serverError', { type: 'server', message: final.message });
        };
        placeServerError(target, {
          error,
          chosenSsoId: request.ssoConfigurationId ?? '',
          refreshSso,
          place,
          // The deleted one drops out of the list: don't keep it as the (invisible) choice.
          onSsoMissing: () => setValue('ssoConfigurationId', ''),
        });
      },
    });
  });

  const rootError = errors.root?.serverError?.message;

  return (
    <Dialog
      open
      onOpenChange={(open) => {
        if (!open && !create.isPending) onClose();
      }}
      onCloseAutoFocus={onCloseAutoFocus}
      title="Create SCIM configuration"
      description="Your identity provider uses it to create, update and deactivate users in this organization."
    >
      <form onSubmit={onSubmit} noValidate className="form">
        {rootError ? (
          <p id={ids.root} className="notice notice-error" role="alert">
            {rootError}
          </p>
        ) : null}
        <NameField
          id={ids.name}
          registration={register('name')}
          value={name}
          error={errors.name?.message}
          description="Optional. Helps you tell configurations apart, e.g. the identity provider's name."
        />
        <SsoConfigurationField
          id={ids.sso}
          organizationId={organizationId}
          registration={register('ssoConfigurationId')}
          error={errors.ssoConfigurationId?.message}
        />
        <TokenLifetimeFields
          ids={{ lifetime: ids.lifetime, customDays: ids.customDays }}
          label="Token lifetime"
          description="When the token expires, provisioning stops until you rotate it."
          lifetimeRegistration={register('lifetime')}
          customDaysRegistration={register('customDays')}
          lifetime={lifetime}
          customDays={customDays}
          errors={{ lifetime: errors.lifetime?.message, customDays: errors.customDays?.message }}
          now={now}
        />
        <UnverifiedLinkingField
          id={ids.allowUnverified}
          registration={register('allowUnverifiedEmailAccountLinking')}
          risk="Risk: anyone who controls an identity-provider account with a matching but unverified email address takes over the existing Ona account. Leave off unless your identity provider verifies every email."
        />
        <OfflineReason action="create a configuration" />
        <div className="dialog-actions">
          <Button onClick={onClose} disabled={create.isPending}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant="primary"
            disabled={create.isPending || noActiveSso !== undefined || offline}
          >
            {create.isPending ? 'Creating…' : 'Create configuration'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
