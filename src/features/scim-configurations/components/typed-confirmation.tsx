import { useId } from 'react';
import { Field } from '../../../components/ui/field.tsx';

/** "Type <name> to confirm": guards an action that cannot be undone. */
export function TypedConfirmation({
  word,
  value,
  onChange,
}: {
  word: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <Field id={id} label={`Type ${word} to confirm`}>
      <input
        id={id}
        className="input"
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </Field>
  );
}

export function matchesConfirmation(value: string, word: string): boolean {
  return value.trim() === word;
}
