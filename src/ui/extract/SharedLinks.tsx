import { For, Match, Show, Switch, createResource, createSignal } from 'solid-js'
import type { PlanSession, ShareInfo } from '../../access/types'
import { memberName } from '../../plan'
import { formatDayOf, formatMoment, tExtract } from '../i18n/extract'
import './extract.css'

/** What became of a link: withdrawn, ended, used up, or still open (null). */
function endOf(s: ShareInfo, now: number): string | null {
  if (s.withdrawnAt !== null) return tExtract('ext.list.withdrawn', { date: formatMoment(s.withdrawnAt) })
  if (s.expiresAt <= now) return tExtract('ext.list.expired')
  if (s.openings.length >= s.maxOpens) return tExtract('ext.list.usedUp')
  return null
}

/**
 * "Gedeelde documenten" in Activiteit (R18): every link to a document from this plan, who shared
 * it with which organisation, until when, and each time it was opened (the relay keeps the time,
 * never who or from where). Its sharer's devices and admins can withdraw a link.
 */
export function SharedLinks(props: { session: PlanSession }) {
  const [list, { refetch }] = createResource(() => props.session.sharedLinks())
  const [busy, setBusy] = createSignal<string | null>(null)
  const [error, setError] = createSignal(false)
  const withdraw = async (id: string) => {
    setBusy(id)
    setError(false)
    try {
      await props.session.withdrawSharedLink(id)
      await refetch()
    } catch {
      setError(true)
    } finally {
      setBusy(null)
    }
  }
  const who = (key: string) => memberName(props.session.doc, key) || key.slice(0, 8)

  return (
    <section class="activity__shared" aria-labelledby="shared-links-title" data-testid="shared-links">
      <h3 class="sp-subtitle" id="shared-links-title">
        {tExtract('ext.list.title')}
      </h3>
      <p class="muted">{tExtract('ext.list.intro')}</p>
      <Switch>
        <Match when={list.loading && !list.latest}>
          <p class="muted">{tExtract('ext.list.loading')}</p>
        </Match>
        <Match when={list.error}>
          <p class="muted">{tExtract('ext.list.error')}</p>
        </Match>
        <Match when={list()?.length === 0}>
          <p class="muted">{tExtract('ext.list.none')}</p>
        </Match>
        <Match when={list()}>
          {(shares) => (
            <ul class="shared-links">
              <For each={[...shares()].reverse()}>
                {(s) => (
                  <li>
                    <p>
                      <strong>
                        {tExtract('ext.list.item', { kind: tExtract(`ext.kind.${s.kind}`), org: s.organisationName || tExtract('ext.unnamedOrg') })}
                      </strong>
                    </p>
                    <p class="muted">{tExtract('ext.list.by', { name: who(s.by), date: formatMoment(s.createdAt) })}</p>
                    <p>{endOf(s, Date.now()) ?? tExtract('ext.list.until', { date: formatDayOf(s.expiresAt), opens: s.openings.length, max: s.maxOpens })}</p>
                    <Show when={s.openings.length > 0} fallback={<p class="muted">{tExtract('ext.list.notOpened')}</p>}>
                      <ul class="shared-links__openings">
                        <For each={s.openings}>{(at) => <li>{tExtract('ext.list.openedAt', { date: formatMoment(at) })}</li>}</For>
                      </ul>
                    </Show>
                    <Show when={s.mayWithdraw && endOf(s, Date.now()) === null}>
                      <button type="button" class="button button--secondary button--small" disabled={busy() === s.id} onClick={() => void withdraw(s.id)}>
                        {busy() === s.id ? tExtract('ext.list.withdrawing') : tExtract('ext.list.withdraw')}
                      </button>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          )}
        </Match>
      </Switch>
      <Show when={error()}>
        <p class="field__error" role="alert">
          {tExtract('ext.error.other')}
        </p>
      </Show>
      <button type="button" class="button button--secondary button--small" onClick={() => void refetch()}>
        {tExtract('ext.list.refresh')}
      </button>
    </section>
  )
}
