/**
 * The one error pattern of the app's forms (NL Design System form field error): each message
 * sits in its field, tied to the control with aria-describedby (components/Field), and after a
 * submit that failed the focus goes to the first field in error, so keyboard and screen reader
 * users land where the fixing starts. A form whose error belongs to no field (FormFooter's
 * FormError) gets the focus on that message instead.
 */

/** Focuses the first control marked aria-invalid in `form`, else its general error; false when there is none. */
export function focusFirstError(form: HTMLFormElement | null | undefined): boolean {
  if (!form) return false
  const target = form.querySelector<HTMLElement>('[aria-invalid="true"]:not([disabled])') ?? form.querySelector<HTMLElement>('.form-error')
  if (!target) return false
  target.focus()
  return true
}

/** focusFirstError once the form shows the errors just set (Solid renders them in the same tick, the microtask is a margin). */
export function focusFirstErrorSoon(form: HTMLFormElement | null | undefined): void {
  queueMicrotask(() => focusFirstError(form))
}
