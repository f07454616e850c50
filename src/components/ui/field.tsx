import type { ReactNode } from 'react';

/** Ids that tie a control to its description, error and counter (`aria-describedby`). */
export function fieldIds(id: string) {
  return { descriptionId: `${id}-description`, errorId: `${id}-error`, counterId: `${id}-counter` };
}

export function describedBy(
  id: string,
  parts: { description?: boolean; error?: string | undefined; counter?: boolean },
): string | undefined {
  const { descriptionId, errorId, counterId } = fieldIds(id);
  const ids = [
    parts.description ? descriptionId : '',
    parts.error ? errorId : '',
    parts.counter ? counterId : '',
  ].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/**
 * "23/128" for the eye; "23 of 128 characters" for screen readers through the input's
 * `aria-describedby` (read with the field, not announced on every keystroke). Pass the field's id.
 */
export function CharacterCounter({ id, length, max }: { id: string; length: number; max: number }) {
  return (
    <>
      <span className="counter" aria-hidden="true">
        {length}/{max}
      </span>
      <span id={fieldIds(id).counterId} className="sr-only">
        {length} of {max} characters
      </span>
    </>
  );
}

export interface FieldProps {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  error?: string | undefined;
  /** Rendered after the description, e.g. a character counter. */
  aside?: ReactNode;
  children: ReactNode;
}

export function Field({ id, label, description, error, aside, children }: FieldProps) {
  const { descriptionId, errorId } = fieldIds(id);
  return (
    <div className="field" data-invalid={error ? 'true' : undefined}>
      <div className="field-label-row">
        <label className="field-label" htmlFor={id}>
          {label}
        </label>
        {aside}
      </div>
      {children}
      {description ? (
        <p id={descriptionId} className="field-description">
          {description}
        </p>
      ) : null}
      <FieldError id={errorId} message={error} />
    </div>
  );
}

export function FieldError({ id, message }: { id: string; message?: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {message}
    </p>
  );
}
