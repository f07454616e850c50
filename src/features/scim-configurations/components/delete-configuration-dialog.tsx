import { type FormEvent, useState } from 'react';
import type { ScimConfiguration } from '#contracts/scim-configurations.ts';
import { AlertDialog, AlertDialogCancel } from '../../../components/ui/alert-dialog.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { describeError } from '../../../lib/error-messages.ts';
import { showToast } from '../../../lib/toasts.ts';
import { useDeleteScimConfiguration } from '../api/use-delete-scim-configuration.ts';
import type { DialogLifecycleProps } from './configuration-dialogs.tsx';
import { confirmationWord, displayName } from './configuration-status.ts';
import { matchesConfirmation, TypedConfirmation } from './typed-confirmation.tsx';

export interface DeleteConfigurationDialogProps extends DialogLifecycleProps {
  configuration: ScimConfiguration;
  onDeleted?: (id: string) => void;
}

export function DeleteConfigurationDialog({
  configuration,
  onDeleted,
  onClose,
  onCloseAutoFocus,
}: DeleteConfigurationDialogProps) {
  const remove = useDeleteScimConfiguration();
  const [typed, setTyped] = useState('');
  const name = displayName(configuration);
  const word = confirmationWord(configuration, 'delete');
  const canDelete = matchesConfirmation(typed, word) && !remove.isPending;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!canDelete) return;
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
        <p>
          Provisioning through this configuration stops for good: the identity provider's requests
          are refused from now on and the configuration cannot be restored.
        </p>
      }
    >
      <form onSubmit={onSubmit} noValidate className="form">
        {remove.isError ? (
          <p className="notice notice-error" role="alert">
            Couldn't delete the configuration. {describeError(remove.error)}
          </p>
        ) : null}
        <TypedConfirmation word={word} value={typed} onChange={setTyped} />
        <div className="dialog-actions">
          <AlertDialogCancel disabled={remove.isPending}>Cancel</AlertDialogCancel>
          <Button type="submit" variant="danger" disabled={!canDelete}>
            {remove.isPending ? 'Deleting…' : 'Delete configuration'}
          </Button>
        </div>
      </form>
    </AlertDialog>
  );
}
