import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import type { ScimConfiguration } from '#contracts/scim-configurations.ts';
import { AlertDialog, AlertDialogCancel } from '../../../components/ui/alert-dialog.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { useConnectivity } from '../../../lib/connectivity.ts';
import { describeError } from '../../../lib/error-messages.ts';
import { showToast } from '../../../lib/toasts.ts';
import { activityQueries } from '../api/activity-queries.ts';
import { useDeleteScimConfiguration } from '../api/use-delete-scim-configuration.ts';
import { confirmationWord, displayName } from './configuration-status.ts';
import type { DialogLifecycleProps } from './dialog-types.ts';
import { OfflineReason } from './offline-reason.tsx';
import { countLabel } from './provisioning-health.ts';
import {
  CONFIRMATION_MISMATCH,
  matchesConfirmation,
  TypedConfirmation,
} from './typed-confirmation.tsx';
import { useSetProvisioning } from './use-set-provisioning.ts';

export interface DeleteConfigurationDialogProps extends DialogLifecycleProps {
  configuration: ScimConfiguration;
  onDeleted?: (id: string) => void;
}

/** What becomes of what it provisioned, with the counts when the activity service has them. */
function ProvisionedConsequence({ configuration }: { configuration: ScimConfiguration }) {
  const activity = useQuery(activityQueries.batch([configuration.id]));
  const entry = activity.data?.supported ? activity.data.byId.get(configuration.id) : undefined;
  const what = entry
    ? `The ${countLabel(entry.provisionedUsers, 'user')} and ${countLabel(entry.provisionedGroups, 'group')} it provisioned`
    : 'The users and groups it provisioned';
  return (
    <li>
      {what} stay in the organization as they are, but nothing keeps them in sync any more: changes
      and removals in the identity provider no longer reach Ona.
    </li>
  );
}

export function DeleteConfigurationDialog({
  configuration,
  onDeleted,
  onClose,
  onCloseAutoFocus,
}: DeleteConfigurationDialogProps) {
  const remove = useDeleteScimConfiguration();
  const { setEnabled } = useSetProvisioning(configuration);
  const offline = useConnectivity() !== 'online';
  const [typed, setTyped] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const name = displayName(configuration);
  const word = confirmationWord(configuration, 'delete');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (remove.isPending || offline) return;
    if (!matchesConfirmation(typed, word)) {
      setMismatch(true);
      inputRef.current?.focus();
      return;
    }
    remove.mutate(configuration.id, {
      onSuccess: () => {
        showToast(`Deleted ${name}`);
        onClose();
        onDeleted?.(configuration.id);
      },
    });
  };

  return (
    <AlertDialog
      open
      onOpenChange={(open) => {
        if (!open && !remove.isPending) onClose();
      }}
      onCloseAutoFocus={onCloseAutoFocus}
      title={`Delete ${name}?`}
      description={
        <ul className="consequences">
          <li>
            Provisioning through this configuration stops for good: the identity provider's requests
            are refused from now on and the configuration cannot be restored.
          </li>
          <ProvisionedConsequence configuration={configuration} />
          {configuration.enabled ? (
            <li>To stop provisioning for now and keep the configuration, disable it instead.</li>
          ) : null}
        </ul>
      }
    >
      <form onSubmit={onSubmit} noValidate className="form">
        {remove.isError ? (
          <p className="notice notice-error" role="alert">
            Couldn't delete the configuration. {describeError(remove.error)}
          </p>
        ) : null}
        <TypedConfirmation
          word={word}
          isName={Boolean(configuration.name.trim())}
          inputProps={{
            ref: inputRef,
            value: typed,
            onChange: (event) => {
              setTyped(event.target.value);
              if (mismatch && matchesConfirmation(event.target.value, word)) setMismatch(false);
            },
          }}
          error={mismatch ? CONFIRMATION_MISMATCH : undefined}
        />
        {offline ? <OfflineReason action="delete" /> : null}
        <div className="dialog-actions">
          <AlertDialogCancel disabled={remove.isPending}>Cancel</AlertDialogCancel>
          {configuration.enabled ? (
            <Button
              disabled={remove.isPending || offline}
              onClick={() => {
                setEnabled(false, { toastErrors: true });
                onClose();
              }}
            >
              Disable instead
            </Button>
          ) : null}
          <Button type="submit" variant="danger" disabled={remove.isPending || offline}>
            {remove.isPending ? 'Deleting…' : 'Delete configuration'}
          </Button>
        </div>
      </form>
    </AlertDialog>
  );
}
