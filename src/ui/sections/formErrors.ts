/**
 * The error state of a plan section's form: a message per field (from a PlanError, shown next to
 * that field by components/Field) and one for the whole form (shown by components/FormFooter).
 */
import { createSignal } from 'solid-js'
import { tPlan } from '../i18n/plan'
import { tForms } from '../i18n/forms'
import { fieldErrorOf, type FieldError } from './formState'
import { focusFirstErrorSoon } from '../components/focusFirstError'

/** The message for a refused write, in the person's words. */
export function fieldErrorMessage(fe: FieldError): string {
  if (fe.code === 'too-long') return fe.max ? tForms('forms.tooLong', { max: fe.max }) : tForms('forms.tooLongAny')
  return tPlan(`error.${fe.code}`)
}

export interface FormErrors {
  /** the message for a field, or undefined */
  of(field: string): string | undefined
  /** a failure not tied to one field */
  general(): string | null
  /** with `form`, the focus moves to the first field in error (components/focusFirstError) */
  set(field: string, message: string, form?: HTMLFormElement): void
  /** shows what a failed write threw: next to its field when it is a PlanError; with `form`, focus moves to it */
  fromError(error: unknown, fields: readonly string[], form?: HTMLFormElement): void
  /**
   * The onSubmit of a form that writes to the plan: the old messages go, `write` runs, and what it
   * throws shows as fromError does (next to one of `fields`, or for the whole form).
   */
  submitting(fields: readonly string[], write: () => void): (e: SubmitEvent) => void
  clear(): void
  any(): boolean
}

export function createFormErrors(): FormErrors {
  const [byField, setByField] = createSignal<Record<string, string>>({})
  const [general, setGeneral] = createSignal<string | null>(null)
  const errors: FormErrors = {
    of: (field) => byField()[field],
    general,
    set(field, message, form) {
      setByField((e) => ({ ...e, [field]: message }))
      if (form) focusFirstErrorSoon(form)
    },
    fromError(error, fields, form) {
      const fe = fieldErrorOf(error)
      const message = fe ? fieldErrorMessage(fe) : tPlan('common.failed')
      if (fe && fields.includes(fe.field)) setByField({ [fe.field]: message })
      else {
        setByField({})
        setGeneral(message)
      }
      if (form) focusFirstErrorSoon(form)
    },
    submitting: (fields, write) => (e) => {
      e.preventDefault()
      const form = e.currentTarget as HTMLFormElement | null
      errors.clear()
      try {
        write()
      } catch (err) {
        errors.fromError(err, fields, form ?? undefined)
      }
    },
    clear() {
      setByField({})
      setGeneral(null)
    },
    any: () => general() !== null || Object.keys(byField()).length > 0,
  }
  return errors
}
