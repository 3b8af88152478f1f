import type { InputHTMLAttributes, ReactNode } from 'react';

/** A labelled one-line input whose value is plain state: the form fields of filters, rules and the drawer. */
export function TextField({
  label,
  heading,
  value,
  onChange,
  className = 'field',
  inputClassName,
  type,
  inputMode,
  placeholder,
  maxLength,
}: {
  /** The input's accessible name, and the visible heading unless `heading` is given. */
  label: string;
  heading?: ReactNode;
  value: string;
  onChange(value: string): void;
  className?: string;
  inputClassName?: string;
} & Pick<InputHTMLAttributes<HTMLInputElement>, 'type' | 'inputMode' | 'placeholder' | 'maxLength'>) {
  return (
    <label className={className}>
      <span>{heading ?? label}</span>
      <input
        className={inputClassName}
        type={type}
        inputMode={inputMode}
        aria-label={label}
        placeholder={placeholder}
        maxLength={maxLength}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}
