/**
 * Wat we aanvragen en wie betaalt (src/plan/request.ts): the only parts of the request not already
 * in the plan, written where the request is read. Editors and admins only.
 */
import { createSignal } from 'solid-js'
import type * as Y from 'yjs'
import { FUNDERS, createRequest, type Funder, type RequestDetails } from '../../plan'
import { FUNDER_WORDS } from '../../plan/documentText'
import { LINE_MAX, SHORT_TEXT_MAX } from '../../plan/limits'
import { SelectField, TextField } from '../components/Field'
import { FormFooter } from '../components/FormFooter'
import { documentLang } from '../i18n/documents'
import { tRequest } from '../i18n/request'
import { FormBehindButton } from './FormBehindButton'

const PAYERS = ['', ...FUNDERS] as const

export function RequestForm(props: { doc: Y.Doc }) {
  const [open, setOpen] = createSignal(false)
  const [values, setValues] = createSignal<RequestDetails>(createRequest(props.doc).get())
  const [error, setError] = createSignal<string | null>(null)
  const [saved, setSaved] = createSignal('')
  const set =
    <K extends keyof RequestDetails>(k: K) =>
    (value: RequestDetails[K]) =>
      setValues((v) => ({ ...v, [k]: value }))

  const save = (e: SubmitEvent) => {
    e.preventDefault()
    const v = values()
    if (v.start && v.end && v.end < v.start) return setError(tRequest('req.form.period'))
    const before = createRequest(props.doc).get()
    // only what this person changed: a field someone else edited meanwhile keeps their words
    const patch = Object.fromEntries(Object.entries(v).filter(([k, value]) => before[k as keyof RequestDetails] !== value))
    try {
      createRequest(props.doc).set(patch)
    } catch {
      return setError(tRequest('req.form.failed'))
    }
    setError(null)
    setOpen(false)
    setSaved(tRequest('req.form.saved'))
  }

  return (
    <FormBehindButton
      class="doc-request-form"
      openLabel={tRequest('req.form.open')}
      title={tRequest('req.form.title')}
      titleId="request-form-title"
      open={open()}
      saved={saved()}
      onOpen={() => {
        setSaved('')
        setValues(createRequest(props.doc).get())
        setOpen(true)
      }}
      onSubmit={save}
    >
      <TextField
        id="request-form"
        maxLength={LINE_MAX}
        label={tRequest('req.form.form')}
        hint={tRequest('req.form.formHint')}
        value={values().form}
        onInput={set('form')}
      />
      <TextField
        id="request-intensity"
        maxLength={SHORT_TEXT_MAX}
        label={tRequest('req.form.intensity')}
        hint={tRequest('req.form.intensityHint')}
        value={values().intensity}
        onInput={set('intensity')}
      />
      <TextField id="request-start" type="date" label={tRequest('req.form.start')} value={values().start} onInput={set('start')} optional />
      <TextField id="request-end" type="date" label={tRequest('req.form.end')} value={values().end} onInput={set('end')} optional />
      <SelectField
        id="request-funded-by"
        label={tRequest('req.form.fundedBy')}
        options={PAYERS}
        value={values().fundedBy}
        onChange={(v) => set('fundedBy')(v as Funder | '')}
        labelOf={(p) => (p === '' ? tRequest('req.form.notAgreed') : FUNDER_WORDS[documentLang()][p])}
      />
      <TextField
        id="request-funding-note"
        maxLength={LINE_MAX}
        label={tRequest('req.form.fundingNote')}
        hint={tRequest('req.form.fundingNoteHint')}
        value={values().fundingNote}
        onInput={set('fundingNote')}
        multiline
        optional
      />
      <FormFooter
        error={error()}
        submitLabel={tRequest('req.form.save')}
        cancelLabel={tRequest('req.form.cancel')}
        onCancel={() => {
          setError(null)
          setOpen(false)
        }}
      />
    </FormBehindButton>
  )
}
