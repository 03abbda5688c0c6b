/**
 * Form pieces of the plan-status, basisgegevens, contacts, factors and route forms: a labelled
 * input or select whose error (from a PlanError) sits next to it, the form's error state, and a
 * two-step remove button.
 */
import { For, Show, createSignal, type JSX } from 'solid-js'
import { type PlanKey, tPlan } from '../i18n/plan'
import { fieldErrorOf } from './formState'

export interface FormErrors {
  /** the message for a field, or undefined */
  of(field: string): string | undefined
  /** a failure not tied to one field */
  general(): string | null
  set(field: string, message: string): void
  /** shows what a failed write threw: next to its field when it is a PlanError */
  fromError(error: unknown, fields: readonly string[]): void
  clear(): void
  any(): boolean
}

export function createFormErrors(): FormErrors {
  const [byField, setByField] = createSignal<Record<string, string>>({})
  const [general, setGeneral] = createSignal<string | null>(null)
  return {
    of: (field) => byField()[field],
    general,
    set: (field, message) => setByField((e) => ({ ...e, [field]: message })),
    fromError(error, fields) {
      const fe = fieldErrorOf(error)
      const message = fe ? tPlan(`error.${fe.code}` as const) : tPlan('common.failed')
      if (fe && fields.includes(fe.field)) setByField({ [fe.field]: message })
      else {
        setByField({})
        setGeneral(message)
      }
    },
    clear() {
      setByField({})
      setGeneral(null)
    },
    any: () => general() !== null || Object.keys(byField()).length > 0,
  }
}

function describedBy(id: string, hint: boolean, error: boolean): string | undefined {
  const ids = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean)
  return ids.length ? ids.join(' ') : undefined
}

function FieldShell(props: { id: string; label: string; hint?: string; optional?: boolean; error?: string; children: JSX.Element }) {
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
        <p class="field__error" id={`${props.id}-error`}>
          {props.error}
        </p>
      </Show>
      {props.children}
    </div>
  )
}

export function TextField(props: {
  id: string
  label: string
  value: string
  onInput: (value: string) => void
  hint?: string
  optional?: boolean
  error?: string
  type?: 'text' | 'date'
  multiline?: boolean
}) {
  const common = () => ({
    id: props.id,
    value: props.value,
    'aria-describedby': describedBy(props.id, !!props.hint, !!props.error),
    'aria-invalid': props.error ? ('true' as const) : undefined,
  })
  return (
    <FieldShell id={props.id} label={props.label} hint={props.hint} optional={props.optional} error={props.error}>
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
        <textarea autocomplete="off" {...common()} class="input sp-textarea" rows="3" onInput={(e) => props.onInput(e.currentTarget.value)} />
      </Show>
    </FieldShell>
  )
}

export function SelectField<T extends string>(props: {
  id: string
  label: string
  options: readonly T[]
  value: T
  onChange: (value: T) => void
  labelOf: (value: T) => string
  hint?: string
  error?: string
}) {
  return (
    <FieldShell id={props.id} label={props.label} hint={props.hint} error={props.error}>
      <select
        id={props.id}
        class="input"
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
    </FieldShell>
  )
}

/** The general error of a form (not tied to one field), announced when it appears. */
export function FormError(props: { errors: FormErrors }) {
  return (
    <Show when={props.errors.general()}>
      <p class="field__error" role="alert">
        {props.errors.general()}
      </p>
    </Show>
  )
}

/** Save and cancel, and (when onRemove is given) a remove that asks once more before it removes. */
export function FormButtons(props: { submitLabel: string; onCancel: () => void; onRemove?: () => void; removeLabel?: string }) {
  const [asking, setAsking] = createSignal(false)
  let removeButton: HTMLButtonElement | undefined
  const stopAsking = () => {
    setAsking(false)
    // back on the button that asked, not lost on the page
    queueMicrotask(() => removeButton?.focus())
  }
  return (
    <>
      <div class="actions">
        <button type="submit" class="button">
          {props.submitLabel}
        </button>
        <button type="button" class="button button--secondary" onClick={() => props.onCancel()}>
          {tPlan('common.cancel')}
        </button>
        <Show when={props.onRemove && !asking()}>
          <button type="button" ref={removeButton} class="button button--secondary ps-remove" aria-label={props.removeLabel} onClick={() => setAsking(true)}>
            {tPlan('common.remove')}
          </button>
        </Show>
      </div>
      <Show when={asking()}>
        <div class="notice notice--warning ps-confirm" role="group" aria-labelledby="ps-confirm-text">
          <p id="ps-confirm-text">{tPlan('common.removeAsk')}</p>
          <div class="actions">
            <button type="button" class="button button--danger" data-autofocus ref={(el) => queueMicrotask(() => el.focus())} onClick={() => props.onRemove?.()}>
              {tPlan('common.removeConfirm')}
            </button>
            <button type="button" class="button button--secondary" onClick={stopAsking}>
              {tPlan('common.cancel')}
            </button>
          </div>
        </div>
      </Show>
    </>
  )
}
