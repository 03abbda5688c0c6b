import { Show, createSignal } from 'solid-js'
import type { PlanSession, SharedLink } from '../../access/types'
import type { SharedDocument } from '../../plan'
import { CopyField } from '../components/CopyField'
import { Field, SelectField } from '../components/Field'
import { FormFooter } from '../components/FormFooter'
import { errorCodeOf } from '../errorCode'
import { formatDayOf, tExtract } from '../i18n/extract'
import { Dialog } from '../sections/Dialog'
import './extract.css'

/** What a document view hands over: its kind and the document as it is compiled now. */
export type ExtractKind = 'request' | 'opp' | 'sections'

const DAY_MS = 24 * 60 * 60 * 1000
/** the link's life, in days: the relay refuses more than 30 (R18) */
const DAYS = [1, 7, 14, 30] as const
const DEFAULT_DAYS = 14
/** MAX_SHARE_OPENS in src/sync/sharedExtract.ts; the relay refuses more */
const MAX_OPENS = 25
const DEFAULT_OPENS = 3

const ERRORS = new Set(['consent-missing', 'role-forbidden', 'share-too-large', 'share-quota-exceeded', 'offline'])

/**
 * "Deel met de gemeente": freezes the document on screen into a link for one organisation with
 * the parents' live consent (R18), with an end date and a number of openings. The session seals,
 * signs and stores it; this shows the link to send.
 */
export function ShareExtract(props: { session: PlanSession; kind: () => ExtractKind; document: () => SharedDocument }) {
  const [open, setOpen] = createSignal(false)
  const [recipients, setRecipients] = createSignal(props.session.shareRecipients())
  const [org, setOrg] = createSignal('')
  const [days, setDays] = createSignal<number>(DEFAULT_DAYS)
  const [opens, setOpens] = createSignal(String(DEFAULT_OPENS))
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal<string | null>(null)
  const [made, setMade] = createSignal<(SharedLink & { org: string; until: number; opens: number }) | null>(null)
  const nameOf = (id: string) => recipients().find((o) => o.id === id)?.name || tExtract('ext.unnamedOrg')

  const start = () => {
    const list = props.session.shareRecipients()
    setRecipients(list)
    setOrg(list[0]?.id ?? '')
    setMade(null)
    setError(null)
    setOpen(true)
  }

  const create = async (e: SubmitEvent) => {
    e.preventDefault()
    const count = Number(opens())
    if (!org() || !Number.isInteger(count) || count < 1 || count > MAX_OPENS) return setError(tExtract('ext.opensHint', { max: MAX_OPENS }))
    setBusy(true)
    setError(null)
    try {
      const until = Date.now() + days() * DAY_MS
      const link = await props.session.shareExtract({
        kind: props.kind(),
        document: props.document(),
        organisationId: org(),
        expiresAt: until,
        maxOpens: count,
      })
      setMade({ ...link, org: nameOf(org()), until, opens: count })
    } catch (err) {
      const code = errorCodeOf(err)
      setError(ERRORS.has(code) ? tExtract(`ext.error.${code}` as 'ext.error.other') : tExtract('ext.error.other'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <button type="button" class="button button--secondary" aria-haspopup="dialog" onClick={start}>
        {tExtract('ext.button')}
      </button>
      <Dialog open={open()} onClose={() => setOpen(false)} id="extract" title={tExtract('ext.title')}>
        <Show
          when={made()}
          fallback={
            <form autocomplete="off" class="form" onSubmit={create} novalidate>
              <p>{tExtract('ext.intro')}</p>
              <p class="muted">{tExtract(`ext.kind.${props.kind()}`)}</p>
              <Show when={recipients().length > 0} fallback={<div class="notice notice--warning">{tExtract('ext.noRecipients')}</div>}>
                <SelectField
                  id="extract-org"
                  label={tExtract('ext.to')}
                  hint={tExtract('ext.toHint')}
                  options={recipients().map((o) => o.id)}
                  value={org()}
                  onChange={setOrg}
                  labelOf={nameOf}
                />
                <SelectField
                  id="extract-days"
                  label={tExtract('ext.days')}
                  options={DAYS.map(String)}
                  value={String(days())}
                  onChange={(d) => setDays(Number(d))}
                  labelOf={(d) => (d === '1' ? tExtract('ext.oneDay') : tExtract('ext.manyDays', { days: Number(d) }))}
                />
                <Field id="extract-opens" label={tExtract('ext.opens')} hint={tExtract('ext.opensHint', { max: MAX_OPENS })}>
                  <input
                    id="extract-opens"
                    class="input extract-opens"
                    type="number"
                    inputmode="numeric"
                    min="1"
                    max={MAX_OPENS}
                    autocomplete="off"
                    aria-describedby="extract-opens-hint"
                    value={opens()}
                    onInput={(e) => setOpens(e.currentTarget.value)}
                  />
                </Field>
                <FormFooter error={error()} busy={busy()} submitLabel={tExtract('ext.create')} busyLabel={tExtract('ext.creating')} />
              </Show>
            </form>
          }
        >
          {(m) => (
            <div class="form" data-testid="extract-made">
              <CopyField
                id="extract-link"
                label={tExtract('ext.link')}
                value={m().link}
                copyLabel={tExtract('ext.copy')}
                copiedLabel={tExtract('ext.copied')}
              />
              <p>{tExtract('ext.made', { org: m().org, date: formatDayOf(m().until), opens: m().opens })}</p>
              <div class="actions">
                <button type="button" class="button button--secondary" onClick={() => setOpen(false)}>
                  {tExtract('ext.close')}
                </button>
              </div>
            </div>
          )}
        </Show>
      </Dialog>
    </>
  )
}
