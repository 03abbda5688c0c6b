/**
 * A form of one line with its button beside it, emptied once the line is written: how a meeting
 * adds a guest's name or a decision. The plan's model judges the line (empty, too long) and the
 * refusal shows on the field.
 */
import { createSignal } from 'solid-js'
import { TextField } from '../components/Field'
import { FormError } from '../components/FormFooter'
import { createFormErrors } from './formErrors'

export function LineAdder(props: {
  id: string
  label: string
  maxLength: number
  /** the model's name of the field, as a PlanError carries it ('decision', 'attendee') */
  field: string
  submitLabel: string
  /** a longer name for the button, when one page shows several alike */
  submitAriaLabel?: string
  /** writes the line; throws what the model refuses */
  add: (line: string) => void
}) {
  const [line, setLine] = createSignal('')
  const errors = createFormErrors()
  const submit = errors.submitting([props.field], () => {
    props.add(line())
    setLine('')
  })
  return (
    <form autocomplete="off" class="sp-guest-add" onSubmit={submit} novalidate>
      <TextField id={props.id} maxLength={props.maxLength} label={props.label} value={line()} onInput={setLine} error={errors.of(props.field)} />
      <button type="submit" class="button button--secondary" aria-label={props.submitAriaLabel}>
        {props.submitLabel}
      </button>
      <FormError message={errors.general()} />
    </form>
  )
}
