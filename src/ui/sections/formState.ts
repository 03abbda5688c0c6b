/**
 * Pure helpers for the plan sections' forms: which fields a form changed (so saving writes only
 * those, and a field another device changed meanwhile is not overwritten with the value the form
 * opened with), and which field a PlanError is about (so the message shows next to that field).
 */
import { PlanError, type PlanErrorCode } from '../../plan'

/** The fields of `current` whose value differs from `initial` (compared as strings, after trimming texts). */
export function changedFields<T extends Record<string, string>>(initial: T, current: T): Partial<T> {
  const out: Partial<T> = {}
  for (const key of Object.keys(current) as (keyof T)[]) {
    const now: string = current[key] ?? ''
    const before: string = initial[key] ?? ''
    if (now.trim() !== before.trim()) out[key] = current[key]
  }
  return out
}

export interface FieldError {
  /** the accessor's field name ('date', 'provider', 'to', …) */
  field: string
  code: PlanErrorCode
  /** for 'too-long': the field's limit */
  max?: number
}

/** The field a write failed on, or null when the failure is not a PlanError (show a general message). */
export function fieldErrorOf(error: unknown): FieldError | null {
  return error instanceof PlanError ? { field: error.field, code: error.code, ...(error.max !== undefined ? { max: error.max } : {}) } : null
}
