/**
 * The vaststelling of the OPP by the school: whether it was set, for this version or an older one,
 * and on what ground; for a professional of the school (editor or admin) the button, offered only
 * when the gate lets it through (every signer agreed, or one recorded disagreement: then the
 * button says so). Every line is verified and judged by the access layer on this device
 * (PlanSession.vaststelling()); entries that do not meet the gate are counted as not counting.
 */
import { For, Show, createSignal, onCleanup } from 'solid-js'
import type { PlanSession } from '../../access/types'
import {
  createHandelingsdeel,
  createInstemming,
  createVaststelling,
  GESCHILLENCOMMISSIE_URL,
  type VaststellingBasis,
  type VaststellingStatus,
} from '../../plan'
import { formatDateTime } from '../i18n'
import { tOpp } from '../i18n/opp'
import { Dialog } from './Dialog'
import type { SectionsModel } from './model'

/** Where parents who do not agree can go: the Geschillencommissie passend onderwijs, with a link. */
export function DisputeHelp() {
  return (
    <div class="notice sp-geschil" data-testid="geschil">
      <p>
        <strong>{tOpp('geschil.title')}</strong>
      </p>
      <p>{tOpp('geschil.text')}</p>
      <p>
        <a href={GESCHILLENCOMMISSIE_URL} target="_blank" rel="noopener noreferrer">
          {tOpp('geschil.link')}
        </a>
      </p>
    </div>
  )
}

interface View {
  status: VaststellingStatus
  may: boolean
  /** the basis the button offers now, or why there is none */
  offer: VaststellingBasis | 'no-instemming' | 'no-signers'
}

export function VaststellingPanel(props: { model: SectionsModel; session: PlanSession }) {
  const m = props.model
  const session = props.session
  const read = (): View => {
    const byInstemming = session.vaststellingRefusal('instemming')
    const byDisagreement = session.vaststellingRefusal('disagreement')
    const offer: View['offer'] =
      byInstemming === null ? 'instemming' : byDisagreement === null ? 'disagreement' : byInstemming === 'no-signers' ? 'no-signers' : 'no-instemming'
    return { status: session.vaststelling(), may: session.mayVaststellen() && m.canEdit(), offer }
  }
  const [view, setView] = createSignal<View>(read(), { equals: false })
  const refresh = () => setView(read())
  onCleanup(m.actions.observe(refresh))
  onCleanup(m.goals.observe(refresh))
  onCleanup(m.child.observe(refresh))
  onCleanup(createHandelingsdeel(m.doc).observe(refresh))
  onCleanup(createInstemming(m.doc).observe(refresh))
  onCleanup(createVaststelling(m.doc).observe(refresh))
  onCleanup(session.onStatus(refresh))
  const afwijkingen = m.perspective.text('afwijkingen')
  afwijkingen.observe(refresh)
  onCleanup(() => afwijkingen.unobserve(refresh))

  const [confirming, setConfirming] = createSignal<{ basis: VaststellingBasis; hash: string } | null>(null)
  const [message, setMessage] = createSignal('')
  const latest = () => view().status.latest
  const stateLine = () => {
    const l = latest()
    if (!l) return tOpp('vast.state.none')
    const date = formatDateTime(l.signedAt)
    if (view().status.state === 'changed') return tOpp('vast.state.changed', { date })
    return tOpp(l.basis === 'disagreement' ? 'vast.state.vastgesteldOverDisagreement' : 'vast.state.vastgesteld', { name: m.nameOf(l.memberKey), date })
  }
  return (
    <section class="sp-vaststelling" aria-labelledby="vaststelling-title" data-state={view().status.state}>
      <h3 id="vaststelling-title" class="sp-subtitle" tabindex="-1">
        {tOpp('vast.title')}
      </h3>
      <p class="muted">{tOpp('vast.intro')}</p>
      <p class="notice" classList={{ 'notice--warning': view().status.state === 'changed' }} aria-live="polite" data-testid="vaststelling-state">
        {stateLine()}
      </p>
      <Show when={latest()?.basis === 'disagreement' && view().status.state === 'vastgesteld'}>
        <DisputeHelp />
      </Show>
      <Show when={view().may && view().status.state !== 'vastgesteld'}>
        <Show
          when={view().offer === 'instemming' || view().offer === 'disagreement'}
          fallback={<p class="muted">{tOpp(`vast.blocked.${view().offer as 'no-instemming'}`)}</p>}
        >
          <button
            type="button"
            class="button"
            aria-haspopup="dialog"
            onClick={() => {
              setMessage('')
              setConfirming({ basis: view().offer as VaststellingBasis, hash: session.handelingsdeelHash() })
            }}
          >
            {view().offer === 'disagreement' ? tOpp('vast.buttonDisagreement') : tOpp('vast.button')}
          </button>
        </Show>
      </Show>
      <p role="status">{message()}</p>
      <Show when={view().status.history.length > 1}>
        <details>
          <summary>{tOpp('vast.history', { n: view().status.history.length })}</summary>
          <ul>
            <For each={view().status.history}>
              {(h) => <li>{tOpp('vast.history.line', { name: m.nameOf(h.memberKey), date: formatDateTime(h.signedAt) })}</li>}
            </For>
          </ul>
        </details>
      </Show>
      <Show when={view().status.ignored.length > 0}>
        <p class="muted" data-testid="vaststelling-ignored">
          {view().status.ignored.length === 1 ? tOpp('vast.ignored.one') : tOpp('vast.ignored', { n: view().status.ignored.length })}
        </p>
      </Show>
      <Dialog id="vaststelling" open={confirming() !== null} onClose={() => setConfirming(null)} title={tOpp('vast.dialog.title')}>
        <p data-autofocus tabindex="-1">
          {tOpp('vast.dialog.lead')}
        </p>
        <Show when={confirming()?.basis === 'disagreement'}>
          <p>{tOpp('vast.dialog.leadDisagreement')}</p>
          <DisputeHelp />
        </Show>
        <div class="actions">
          <button
            type="button"
            class="button"
            onClick={() => {
              const c = confirming()
              if (!c) return
              try {
                session.vaststellen(c.basis, c.hash)
                setMessage(tOpp('vast.done'))
              } catch {
                setMessage(tOpp('vast.failed'))
              }
              setConfirming(null)
              refresh()
            }}
          >
            {tOpp('vast.dialog.confirm')}
          </button>
          <button type="button" class="button button--secondary" onClick={() => setConfirming(null)}>
            {tOpp('vast.dialog.cancel')}
          </button>
        </div>
      </Dialog>
    </section>
  )
}
