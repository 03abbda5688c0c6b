/**
 * The error state of a plan section's form: a message per field (from a PlanError, shown next to
 * that field by components/Field) and one for the whole form (shown by components/FormFooter).
 */
import { createSignal } from 'solid-js'
import { tPlan } from '../i18n/plan'
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
