import { zodResolver } from '@hookform/resolvers/zod';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import * as z from 'zod/mini';
import { NAME_MAX_LENGTH } from '#contracts/common.ts';
import {
  type ScimConfiguration,
  type UpdateScimConfigurationRequest,
  updateScimConfigurationRequestSchema,
} from '#contracts/scim-configurations.ts';
import { Button } from '../../../components/ui/button.tsx';
import { Dialog } from '../../../components/ui/dialog.tsx';
import { fieldIds } from '../../../components/ui/field.tsx';
import { useConnectivity } from '../../../lib/connectivity.ts';
import { showToast } from '../../../lib/toasts.ts';
import { useUpdateScimConfiguration } from '../api/use-update-scim-configuration.ts';
import { NameField, UnverifiedLinkingField } from './configuration-fields.tsx';
import { displayName } from './configuration-status.ts';
import type { DialogLifecycleProps } from './dialog-types.ts';
import { OfflineReason } from './offline-reason.tsx';
import { placeServerError, serverErrorTarget } from './server-errors.ts';
import { SsoConfigurationField, useRefreshSsoConfigurations } from './sso-configuration-field.tsx';

const wire = updateScimConfigurationRequestSchema.shape;

export const editConfigurationFormSchema = z.object({
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
  enabled: z.boolean(),
  allowUnverifiedEmailAccountLinking: z.boolean(),
});

export type EditConfigurationFormValues = z.infer<typeof editConfigurationFormSchema>;
type FormField = keyof EditConfigurationFormValues;

export function toEditFormValues(configuration: ScimConfiguration): EditConfigurationFormValues {
  return {
    name: configuration.name,
    ssoConfigurationId: configuration.ssoConfigurationId,
    enabled: configuration.enabled,
    allowUnverifiedEmailAccountLinking: configuration.allowUnverifiedEmailAccountLinking,
  };
}

/** Only the fields the admin changed: UpdateSCIMConfiguration is a partial update. */
export function changedFields(
  id: string,
  values: EditConfigurationFormValues,
  dirty: Partial<Record<FormField, boolean | undefined>>,
  initial: EditConfigurationFormValues,
): UpdateScimConfigurationRequest {
  const request: UpdateScimConfigurationRequest = { scimConfigurationId: id };
  if (dirty.name && values.name.trim() !== initial.name) request.name = values.name.trim();
  if (dirty.ssoConfigurationId && values.ssoConfigurationId !== initial.ssoConfigurationId) {
    request.ssoConfigurationId = values.ssoConfigurationId;
  }
  if (dirty.enabled && values.enabled !== initial.enabled) request.enabled = values.enabled;
  if (
    dirty.allowUnverifiedEmailAccountLinking &&
    values.allowUnverifiedEmailAccountLinking !== initial.allowUnverifiedEmailAccountLinking
  ) {
    request.allowUnverifiedEmailAccountLinking = values.allowUnverifiedEmailAccountLinking;
  }
  return request;
}

export interface EditConfigurationDialogProps extends DialogLifecycleProps {
  organizationId: string;
  configuration: ScimConfiguration;
}

export function EditConfigurationDialog({
  organizationId,
  configuration,
  onClose,
  onCloseAutoFocus,
}: EditConfigurationDialogProps) {
  const update = useUpdateScimConfiguration();
  const refreshSso = useRefreshSsoConfigurations(organizationId);
  const initial = toEditFormValues(configuration);
  const {
    register,
    handleSubmit,
    watch,
    setError,
    setValue,
    formState: { errors, isDirty, dirtyFields },
  } = useForm({ resolver: zodResolver(editConfigurationFormSchema), defaultValues: initial });
  const ids = {
    name: useId(),
    sso: useId(),
    enabled: useId(),
    allowUnverified: useId(),
  };
  const name = watch('name');
  const enabled = watch('enabled');
  const offline = useConnectivity() !== 'online';

  const onSubmit = handleSubmit((values) => {
    if (offline) return;
    const request = changedFields(configuration.id, values, dirtyFields, initial);
    if (Object.keys(request).length === 1) {
      onClose();
      return;
    }
    update.mutate(request, {
      onSuccess: ({ scimConfiguration }) => {
        showToast(`Saved changes to ${displayName(scimConfiguration)}`);
        onClose();
      },
      onError: (error) => {
        const target = serverErrorTarget<FormField>(error, request, (wireField) =>
          wireField === 'name' || wireField === 'ssoConfigurationId' ? wireField : undefined,
        );
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
          onSsoMissing: () => setValue('ssoConfigurationId', '', { shouldDirty: true }),
        });
      },
    });
  });

  const rootError = errors.root?.serverError?.message;
  const enabledDescriptionId = fieldIds(ids.enabled).descriptionId;

  return (
    <Dialog
      open
      onOpenChange={(open) => {
        if (!open && !update.isPending) onClose();
      }}
      onCloseAutoFocus={onCloseAutoFocus}
      title="Edit SCIM configuration"
      description={`Changes apply to ${displayName(configuration)} as soon as you save. The token stays the same.`}
    >
      <form onSubmit={onSubmit} noValidate className="form">
        {rootError ? (
          <p className="notice notice-error" role="alert">
            {rootError}
          </p>
        ) : null}
        <NameField
          id={ids.name}
          registration={register('name')}
          value={name}
          error={errors.name?.message}
        />
        <SsoConfigurationField
          id={ids.sso}
          organizationId={organizationId}
          registration={register('ssoConfigurationId')}
          error={errors.ssoConfigurationId?.message}
          currentId={configuration.ssoConfigurationId}
        />
        <div className="checkbox-field">
          <input
            id={ids.enabled}
            type="checkbox"
            aria-describedby={enabledDescriptionId}
            {...register('enabled')}
          />
          <div>
            <label htmlFor={ids.enabled}>Provisioning enabled</label>
            <p id={enabledDescriptionId} className="field-description">
              {enabled
                ? 'The identity provider can create, update and deactivate users.'
                : 'Identity provider requests will be refused.'}
            </p>
          </div>
        </div>
        <UnverifiedLinkingField
          id={ids.allowUnverified}
          registration={register('allowUnverifiedEmailAccountLinking')}
          risk="Risk: anyone who controls an identity-provider account with a matching but unverified email address takes over the existing Ona account."
        />
        <OfflineReason action="save changes" />
        <div className="dialog-actions">
          <Button onClick={onClose} disabled={update.isPending}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant="primary"
            disabled={!isDirty || update.isPending || offline}
          >
            {update.isPending ? 'Saving…' : 'Save changes'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
