import { For, createSignal } from 'solid-js'
import { ROUTE_LEVELS, createRoute, type RouteLevel } from '../../plan'
import { ROUTE_LEVEL_WORDS } from '../../plan/documentText'
import { documentLang, tDocs } from '../i18n/documents'
import { tRequest } from '../i18n/request'
import { Field, TextField } from '../components/Field'
import { FormFooter } from '../components/FormFooter'
import { FormBehindButton } from './FormBehindButton'
import type * as Y from 'yjs'
import { LONG_TEXT_MAX, SHORT_TEXT_MAX } from '../../plan/limits'

/**
 * Adds a step of help already tried (src/plan/route.ts): the onderbouwing starts from it, so it
 * can be written down where the onderbouwing is read. Editors and admins only.
 */
export function RouteStepForm(props: { doc: Y.Doc; me: string; onSaved?: () => void }) {
  const [open, setOpen] = createSignal(false)
  const [level, setLevel] = createSignal<RouteLevel>('extra ondersteuning')
  const [provider, setProvider] = createSignal('')
  const [from, setFrom] = createSignal('')
  const [to, setTo] = createSignal('')
  const [effect, setEffect] = createSignal('')
  const [whyNotEnough, setWhyNotEnough] = createSignal('')
  const [error, setError] = createSignal<string | null>(null)
  const [saved, setSaved] = createSignal('')

  const reset = () => {
    setProvider('')
    setFrom('')
    setTo('')
    setEffect('')
    setWhyNotEnough('')
    setError(null)
  }
  const save = (e: SubmitEvent) => {
    e.preventDefault()
    if (!provider().trim() || !from()) return setError(tDocs('docs.routeRequired'))
    if (to() && to() < from()) return setError(tDocs('docs.routePeriod'))
    try {
      createRoute(props.doc).add({ level: level(), provider: provider(), from: from(), to: to(), effect: effect(), whyNotEnough: whyNotEnough() }, props.me)
    } catch {
      return setError(tDocs('docs.failed'))
    }
    reset()
    setOpen(false)
    setSaved(tDocs('docs.routeSaved'))
    props.onSaved?.()
  }

  return (
    <FormBehindButton
      class="doc-route-add"
      openLabel={tDocs('docs.routeAdd')}
      title={tDocs('docs.routeAddTitle')}
      titleId="route-add-title"
      open={open()}
      saved={saved()}
      onOpen={() => {
        setSaved('')
        setOpen(true)
      }}
      onSubmit={save}
    >
      <Field id="route-level" label={tDocs('docs.routeLevel')}>
        <select id="route-level" class="input" value={level()} onChange={(e) => setLevel(e.currentTarget.value as RouteLevel)}>
          <For each={ROUTE_LEVELS}>{(l) => <option value={l}>{ROUTE_LEVEL_WORDS[documentLang()][l]}</option>}</For>
        </select>
      </Field>
      <TextField
        id="route-provider"
        maxLength={SHORT_TEXT_MAX}
        label={tDocs('docs.routeProvider')}
        hint={tDocs('docs.routeProviderHint')}
        value={provider()}
        onInput={setProvider}
      />
      <TextField id="route-from" type="date" label={tDocs('docs.routeFrom')} value={from()} onInput={setFrom} />
      <TextField id="route-to" type="date" label={tDocs('docs.routeTo')} hint={tDocs('docs.routeToHint')} optional value={to()} onInput={setTo} />
      <TextField id="route-effect" maxLength={LONG_TEXT_MAX} label={tDocs('docs.routeEffect')} optional value={effect()} onInput={setEffect} multiline />
      <TextField
        id="route-why"
        maxLength={LONG_TEXT_MAX}
        label={tRequest('req.route.why')}
        hint={tRequest('req.route.whyHint')}
        optional
        value={whyNotEnough()}
        onInput={setWhyNotEnough}
        multiline
      />
      <FormFooter
        error={error()}
        submitLabel={tDocs('docs.routeSave')}
        cancelLabel={tDocs('docs.cancel')}
        onCancel={() => {
          reset()
          setOpen(false)
        }}
      />
    </FormBehindButton>
  )
}
