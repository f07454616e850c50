import { type InputHTMLAttributes, type Ref, useId } from 'react';
import { FieldError, fieldIds } from '../../../components/ui/field.tsx';

export const CONFIRMATION_MISMATCH = "That doesn't match the text shown above the field.";

/**
 * "Type <name> to confirm": guards an action that cannot be undone. The text to type is a
 * selectable code element the input references, so it can be read, copied or typed.
 */
export function TypedConfirmation({
  word,
  isName,
  inputProps,
  error,
}: {
  word: string;
  /** False when the word is a fixed fallback ("rotate", "delete") for an unnamed configuration. */
  isName: boolean;
  /** value/onChange, or a react-hook-form registration. */
  inputProps: InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> };
  error?: string | undefined;
}) {
  const id = useId();
  const { descriptionId, errorId } = fieldIds(id);
  return (
    <div className="field" data-invalid={error ? 'true' : undefined}>
      <label className="field-label" htmlFor={id}>
        {isName ? 'Type the configuration name to confirm' : 'Type this word to confirm'}
      </label>
      <p className="confirmation-word-row">
        <code id={descriptionId} className="confirmation-word">
          {word}
        </code>
      </p>
      <input
        {...inputProps}
        id={id}
        className="input"
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${descriptionId} ${errorId}` : descriptionId}
      />
      <FieldError id={errorId} message={error} />
    </div>
  );
}

const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u2035\u2039\u203A\uFF07`\u00B4]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u2036\u00AB\u00BB\uFF02]/g;
const DASHES = /[\p{Pd}\u2212\uFE63\uFF0D]/gu;

/**
 * What is compared: case-folded, whitespace trimmed and collapsed, every Unicode dash and quote in
 * its ASCII form, so a name with an en dash or curly quotes can be typed on any keyboard.
 */
export function normalizeConfirmation(text: string): string {
  return text
    .normalize('NFKC')
    .replace(DASHES, '-')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(/\s+/gu, ' ')
    .trim()
    .toLowerCase();
}

export function matchesConfirmation(value: string, word: string): boolean {
  return normalizeConfirmation(value) === normalizeConfirmation(word);
}
