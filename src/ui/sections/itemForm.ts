/**
 * The state of a section's dialog form for one record (a route step, a factor, a contact …): new
 * when it has no id, else edited. Saving an edit writes only the fields this person changed
 * (changedFields), so a field another device changed meanwhile keeps its value; a refused write
 * shows next to its field (formErrors).
 */
import { createSignal, type Accessor } from 'solid-js'
import { createFormErrors, type FormErrors } from './formErrors'
import { changedFields } from './formState'

/** What the form needs of a section's accessor (src/plan/route.ts, factors.ts, socialMap.ts …). */
export interface RecordWrites<V> {
  add(values: V, createdBy: string): unknown
  update(id: string, patch: Partial<V>): void
  remove(id: string): void
}

export interface ItemForm<V> {
  values: Accessor<V>
  /** the setter of one field, for a control's onInput/onChange */
  set: <K extends keyof V>(key: K) => (value: V[K]) => void
  errors: FormErrors
  submit: (e: SubmitEvent) => void
  /** only for a record that exists: removes it and closes the form */
  remove: (() => void) | undefined
}

export function createItemForm<V extends Record<string, string>>(options: {
  writes: RecordWrites<NoInfer<V>>
  /** the record being edited; none for a new one */
  id: string | undefined
  /** the record's values as it opened (or a new one's defaults) */
  initial: V
  /** the fields whose refusal shows next to the field; any other shows for the whole form */
  fields: readonly string[]
  me: string
  onDone: () => void
  /** what is written, from what the form holds (e.g. a field that another choice makes moot) */
  toWrite?: (values: V) => V
}): ItemForm<V> {
  const { writes, id, initial, onDone } = options
  const [values, setValues] = createSignal<V>({ ...initial })
  const errors = createFormErrors()
  const submit = errors.submitting(options.fields, () => {
    const written = options.toWrite ? options.toWrite(values()) : values()
    if (id) writes.update(id, changedFields(initial, written))
    else writes.add(written, options.me)
    onDone()
  })
  return {
    values,
    set: (key) => (value) => setValues((v) => ({ ...v, [key]: value })),
    errors,
    submit,
    remove: id
      ? () => {
          writes.remove(id)
          onDone()
        }
      : undefined,
  }
}
