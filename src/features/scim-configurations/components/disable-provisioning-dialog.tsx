import type { ScimConfiguration } from '#contracts/scim-configurations.ts';
import { AlertDialog, AlertDialogCancel } from '../../../components/ui/alert-dialog.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { displayName } from './configuration-status.ts';
import type { DialogLifecycleProps } from './dialog-types.ts';

export interface DisableProvisioningDialogProps extends DialogLifecycleProps {
  configuration: ScimConfiguration;
  /** Runs the (optimistic) disable owned by the switch that asked, so its error shows there. */
  onConfirm: () => void;
}

/** Disabling refuses every request of the identity provider: say so before it happens. */
export function DisableProvisioningDialog({
  configuration,
  onConfirm,
  onClose,
  onCloseAutoFocus,
}: DisableProvisioningDialogProps) {
  const name = displayName(configuration);
  return (
    <AlertDialog
      open
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      onCloseAutoFocus={onCloseAutoFocus}
      title={`Disable provisioning for ${name}?`}
      description={
        <ul className="consequences">
          <li>The identity provider's requests are refused until you enable it again.</li>
          <li>Users and groups it already provisioned stay as they are.</li>
          <li>The identity provider will report errors for its refused requests.</li>
        </ul>
      }
    >
      <div className="dialog-actions">
        <AlertDialogCancel>Cancel</AlertDialogCancel>
        <Button
          variant="danger"
          onClick={() => {
            onConfirm();
            onClose();
          }}
        >
          Disable provisioning
        </Button>
      </div>
    </AlertDialog>
  );
}
