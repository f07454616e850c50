// What the dialogs and their host share: only types, so no dialog file imports the host (whose
// lazy imports of the dialogs would otherwise close a cycle).
import type { ScimConfiguration } from '#contracts/scim-configurations.ts';

export interface RevealedToken {
  token: string;
  tokenExpiresAt: string;
  configurationId: string;
  configurationName: string;
  /** To preselect the setup kit's provider from the linked SSO configuration's issuer. */
  organizationId: string;
  ssoConfigurationId: string;
  reason: 'created' | 'rotated';
}

export type ConfigurationDialogRequest =
  | { kind: 'create' }
  | { kind: 'edit' | 'rotate' | 'delete'; configuration: ScimConfiguration }
  | { kind: 'disable'; configuration: ScimConfiguration; onConfirm: () => void };

export type ConfigurationDialogKind = ConfigurationDialogRequest['kind'];

export interface DialogLifecycleProps {
  onClose: () => void;
  onCloseAutoFocus: (event: Event) => void;
}
