// Radix Dialog in the house shape. Loaded only with the dialogs that use it (keeps Radix off the
// first page's bundle).
import * as DialogPrimitive from '@radix-ui/react-dialog';
import type { ReactNode } from 'react';
import { cx } from './class-names.ts';

export interface DialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  /** Called instead of Radix's default focus restore; see the dialog host. */
  onCloseAutoFocus: (event: Event) => void;
  onEscapeKeyDown?: (event: KeyboardEvent) => void;
  /** Where focus starts; Radix otherwise picks the first focusable element. */
  onOpenAutoFocus?: (event: Event) => void;
  size?: 'md' | 'lg';
  /** A warning description is styled as a notice, e.g. "shown only once". */
  descriptionTone?: 'muted' | 'warning';
}

export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  onCloseAutoFocus,
  onEscapeKeyDown,
  onOpenAutoFocus,
  size = 'md',
  descriptionTone = 'muted',
}: DialogProps) {
  return (
    <DialogPrimitive.Root open={open} onOpenChange={onOpenChange}>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="dialog-overlay" />
        <DialogPrimitive.Content
          className={cx('dialog', size === 'lg' && 'dialog-lg')}
          // An outside click must never throw away a half-filled form or a one-time token.
          onInteractOutside={(event) => event.preventDefault()}
          onCloseAutoFocus={onCloseAutoFocus}
          {...(onEscapeKeyDown ? { onEscapeKeyDown } : {})}
          {...(onOpenAutoFocus ? { onOpenAutoFocus } : {})}
          {...(description ? {} : { 'aria-describedby': undefined })}
        >
          <DialogPrimitive.Title className="dialog-title">{title}</DialogPrimitive.Title>
          {description ? (
            <DialogPrimitive.Description
              className={cx(
                'dialog-description',
                descriptionTone === 'warning' && 'notice notice-warning',
              )}
            >
              {description}
            </DialogPrimitive.Description>
          ) : null}
          {children}
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}
