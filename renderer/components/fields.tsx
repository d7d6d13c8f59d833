import { useId, type ReactNode, type Ref } from 'react';

/**
 * Form fields for the counter: every field has a visible label, and its error sits right under
 * it, tied to the input with aria-describedby so screen readers and tests find it.
 */

interface Common {
  readonly label: string;
  readonly error?: string | undefined;
  readonly hint?: string | undefined;
  readonly required?: boolean;
  readonly className?: string;
}

function FieldFrame({
  id,
  label,
  error,
  hint,
  required,
  className,
  children,
}: Common & { id: string; children: ReactNode }) {
  return (
    <div className={`field${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </label>
      {children}
      {hint && !error ? (
        <div className="hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <div className="field-error" id={`${id}-error`} role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

const describedBy = (id: string, error?: string, hint?: string): string | undefined =>
  error ? `${id}-error` : hint ? `${id}-hint` : undefined;

export interface TextFieldProps extends Common {
  readonly value: string;
  readonly onChange: (v: string) => void;
  readonly type?: 'text' | 'tel' | 'date' | 'search';
  readonly inputRef?: Ref<HTMLInputElement>;
  readonly onEnter?: () => void;
  readonly autoComplete?: string;
  readonly placeholder?: string;
  readonly inputMode?: 'text' | 'tel' | 'numeric' | 'decimal';
  readonly max?: string;
  readonly list?: string;
  readonly name?: string;
}

export function TextField({
  inputRef,
  value,
  onChange,
  type,
  onEnter,
  autoComplete,
  placeholder,
  inputMode,
  max,
  list,
  name,
  ...frame
}: TextFieldProps) {
  const id = useId();
  return (
    <FieldFrame id={id} {...frame}>
      <input
        id={id}
        name={name}
        ref={inputRef}
        type={type ?? 'text'}
        value={value}
        max={max}
        list={list}
        placeholder={placeholder}
        inputMode={inputMode}
        autoComplete={autoComplete ?? 'off'}
        aria-invalid={frame.error ? true : undefined}
        aria-describedby={describedBy(id, frame.error, frame.hint)}
        aria-required={frame.required ? true : undefined}
        onChange={(e) => {
          onChange(e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && onEnter) {
            e.preventDefault();
            onEnter();
          }
        }}
      />
    </FieldFrame>
  );
}

export function TextArea(
  props: Common & {
    readonly value: string;
    readonly onChange: (v: string) => void;
    readonly rows?: number;
    readonly name?: string;
  },
) {
  const id = useId();
  return (
    <FieldFrame id={id} {...props}>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 3}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.error, props.hint)}
        aria-required={props.required ? true : undefined}
        onChange={(e) => {
          props.onChange(e.target.value);
        }}
      />
    </FieldFrame>
  );
}

export function SelectField<V extends string>(
  props: Common & {
    readonly value: V;
    readonly onChange: (v: V) => void;
    readonly options: readonly { readonly value: V; readonly label: string }[];
    readonly name?: string;
  },
) {
  const id = useId();
  return (
    <FieldFrame id={id} {...props}>
      <select
        id={id}
        name={props.name}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.error, props.hint)}
        onChange={(e) => {
          props.onChange(e.target.value as V);
        }}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function CheckboxField(props: {
  readonly label: string;
  readonly checked: boolean;
  readonly onChange: (v: boolean) => void;
  readonly hint?: string;
  readonly name?: string;
}) {
  const id = useId();
  return (
    <div className="check">
      <input
        id={id}
        name={props.name}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => {
          props.onChange(e.target.checked);
        }}
      />
      <label htmlFor={id}>
        {props.label}
        {props.hint ? <span className="hint"> — {props.hint}</span> : null}
      </label>
    </div>
  );
}

/** Field errors as a map from field name to message (the commands' FieldError[] made handy). */
export type ErrorMap = Readonly<Record<string, string>>;

export function toErrorMap(errors: readonly { field: string; message: string }[]): ErrorMap {
  const map: Record<string, string> = {};
  for (const e of errors) map[e.field] ??= e.message;
  return map;
}
