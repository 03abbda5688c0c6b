/**
 * The one labelled form field of the app: a label (with "(niet verplicht)" when optional), a hint,
 * an error, and the control, which points at the error and the hint with aria-describedby (error
 * first, so a screen reader says what is wrong before how to fill it in). `Field` wraps any
 * control; `TextField` and `SelectField` are Field with its input, textarea or select.
 * The error shows as the NL Design System form field error message beside our own class.
 */
import { For, Show, type JSX } from 'solid-js'
import { COUNTER_FROM } from '../../plan/limits'
import { tPlan } from '../i18n/plan'
import { tForms } from '../i18n/forms'

/** The ids a field's control is described by: `<id>-error` (when there is one), `<id>-hint`, then `<id>-count`. */
function describedBy(id: string, hint: boolean, error: boolean, counter = false): string | undefined {
  const ids = [error ? `${id}-error` : '', hint ? `${id}-hint` : '', counter ? `${id}-count` : ''].filter(Boolean)
  return ids.length ? ids.join(' ') : undefined
}

/** Whether a value is close enough to its limit for the counter to show. */
export function nearLimit(value: string, max: number | undefined): boolean {
  return max !== undefined && value.length >= Math.floor(max * COUNTER_FROM)
}

/**
 * How many characters are left, shown from COUNTER_FROM of the limit on (further away it would
 * only be noise) and said politely as it changes. The field's maxlength stops typing at the limit,
 * which the model holds too (src/plan/limits.ts). Counted as the browser's maxlength counts.
 */
export function CharacterCount(props: { id: string; value: string; max: number }) {
  const left = () => props.max - props.value.length
  const near = () => nearLimit(props.value, props.max)
  return (
    <p id={`${props.id}-count`} class="field__count" classList={{ 'field__count--full': left() <= 0 }} aria-live="polite">
      <Show when={near()}>{left() > 0 ? tForms('forms.count.left', { n: left(), max: props.max }) : tForms('forms.count.full', { max: props.max })}</Show>
    </p>
  )
}

export interface FieldProps {
  id: string
  label: string
  hint?: string
  optional?: boolean
  error?: string | null
  /** role="alert" on the error, for a form whose errors appear only when it is sent */
  announceError?: boolean
}

export function Field(props: FieldProps & { children: JSX.Element }) {
  return (
    <div class="field">
      <label for={props.id} class="field__label">
        {props.label}
        <Show when={props.optional}>
          {' '}
          <span class="sp-optional">{tPlan('common.optional')}</span>
        </Show>
      </label>
      <Show when={props.hint}>
        <p class="field__hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      </Show>
      <Show when={props.error}>
        <p class="field__error utrecht-form-field-error-message" id={`${props.id}-error`} role={props.announceError ? 'alert' : undefined}>
          {props.error}
        </p>
      </Show>
      {props.children}
    </div>
  )
}

export function TextField(
  props: FieldProps & {
    value: string
    onInput: (value: string) => void
    type?: 'text' | 'date'
    multiline?: boolean
    /** rows of a multiline field; 3 unless given */
    rows?: number
    /** marks the control invalid while the message about it shows elsewhere (the form's error) */
    invalid?: boolean
    name?: string
    /** the field's limit (src/plan/limits.ts): typing stops there, and a counter shows near it */
    maxLength?: number
    required?: boolean
  },
) {
  const common = () => ({
    id: props.id,
    value: props.value,
    name: props.name,
    required: props.required,
    maxlength: props.maxLength,
    'aria-describedby': describedBy(props.id, !!props.hint, !!props.error, nearLimit(props.value, props.maxLength)),
    'aria-invalid': props.error || props.invalid ? ('true' as const) : undefined,
  })
  return (
    <Field id={props.id} label={props.label} hint={props.hint} optional={props.optional} error={props.error} announceError={props.announceError}>
      <Show
        when={props.multiline}
        fallback={
          <input
            {...common()}
            autocomplete="off"
            class={props.type === 'date' ? 'input sp-date' : 'input'}
            type={props.type ?? 'text'}
            onInput={(e) => props.onInput(e.currentTarget.value)}
          />
        }
      >
        <textarea autocomplete="off" {...common()} class="input sp-textarea" rows={props.rows ?? 3} onInput={(e) => props.onInput(e.currentTarget.value)} />
      </Show>
      <Show when={props.maxLength}>{(max) => <CharacterCount id={props.id} value={props.value} max={max()} />}</Show>
    </Field>
  )
}

export function SelectField<T extends string>(
  props: FieldProps & {
    options: readonly T[]
    value: T
    onChange: (value: T) => void
    labelOf: (value: T) => string
    disabled?: boolean
  },
) {
  return (
    <Field id={props.id} label={props.label} hint={props.hint} optional={props.optional} error={props.error} announceError={props.announceError}>
      <select
        id={props.id}
        class="input"
        disabled={props.disabled}
        aria-describedby={describedBy(props.id, !!props.hint, !!props.error)}
        aria-invalid={props.error ? 'true' : undefined}
        onChange={(e) => props.onChange(e.currentTarget.value as T)}
      >
        <For each={props.options}>
          {(option) => (
            <option value={option} selected={props.value === option}>
              {props.labelOf(option)}
            </option>
          )}
        </For>
      </select>
    </Field>
  )
}
