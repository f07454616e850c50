// Radix AlertDialog: role="alertdialog", focus starts on Cancel, no dismissal by an outside click.
import * as AlertDialogPrimitive from '@radix-ui/react-alert-dialog';
import type { ReactNode } from 'react';

export interface AlertDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description: ReactNode;
  children: ReactNode;
  onCloseAutoFocus: (event: Event) => void;
  onEscapeKeyDown?: (event: KeyboardEvent) => void;
}

export function AlertDialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  onCloseAutoFocus,
  onEscapeKeyDown,
}: AlertDialogProps) {
  return (
    <AlertDialogPrimitive.Root open={open} onOpenChange={onOpenChange}>
      <AlertDialogPrimitive.Portal>
        <AlertDialogPrimitive.Overlay className="dialog-overlay" />
        <AlertDialogPrimitive.Content
          className="dialog"
          onCloseAutoFocus={onCloseAutoFocus}
          {...(onEscapeKeyDown ? { onEscapeKeyDown } : {})}
        >
          <AlertDialogPrimitive.Title className="dialog-title">{title}</AlertDialogPrimitive.Title>
          <AlertDialogPrimitive.Description asChild>
            <div className="dialog-description">{description}</div>
          </AlertDialogPrimitive.Description>
          {children}
        </AlertDialogPrimitive.Content>
      </AlertDialogPrimitive.Portal>
    </AlertDialogPrimitive.Root>
  );
}

/** The button Radix focuses when the dialog opens. */
export function AlertDialogCancel({
  children,
  disabled,
}: {
  children: ReactNode;
  disabled?: boolean;
}) {
  return (
    <AlertDialogPrimitive.Cancel className="btn btn-secondary" disabled={disabled}>
      {children}
    </AlertDialogPrimitive.Cancel>
  );
}
