/**
 * "Nieuw sinds je laatste bezoek": at the top of the plan, what others changed in which section
 * since this person last looked at the plan on this device, each line a link to the section's
 * address; "Gezien" moves the mark. On a plan card, the same lines in short (the card is the link).
 *
 * The list keeps the mark of the visit's start while the plan is open, so it does not empty under
 * the reader: once the plan has been open VISIT_DWELL_MS the stored mark moves to the visit's start
 * (the next visit shows only what came since), and to the moment of leaving when the plan closes.
 */
import { For, Show, createMemo, createSignal, onCleanup } from 'solid-js'
import type { PlanSession } from '../../access/types'
import { newSinceIn } from '../../access/newSince'
import { createTeam, type NewSinceGroup } from '../../plan'
import { loadClient } from '../client'
import { formatDateTime } from '../i18n'
import { tNav } from '../i18n/nav'
import { tSignals } from '../i18n/signals'
import { SectionLink } from './SectionMenu'
import { createPlanTick } from '../team/TeamView'
import './nav.css'

/** the plan open this long counts as a visit */
export const VISIT_DWELL_MS = 60_000

const sameGroups = (a: readonly NewSinceGroup[], b: readonly NewSinceGroup[]) => JSON.stringify(a) === JSON.stringify(b)

function groupText(g: NewSinceGroup, name: string): string {
  const section = tNav(`nav.section.${g.section}`)
  return g.count === 1 ? tSignals('new.one', { name, section }) : tSignals('new.many', { name, section, n: g.count })
}

/** At the top of the plan. */
export function PlanNewSince(props: { session: PlanSession; me: string }) {
  const session = props.session
  const team = createTeam(session.doc)
  const tick = createPlanTick(session, (bump) => team.observe(bump))
  // null until the stored mark is read: nothing is shown as new before it is known
  const [since, setSince] = createSignal<number | null>(null)
  const [status, setStatus] = createSignal('')
  const openedAt = Date.now()
  let dwelled = false
  void loadClient()
    .then((client) => client.lastVisit(session.planId))
    .then((at) => setSince(at))
    .catch(() => setSince(0))
  const mark = (at: number) => void loadClient().then((client) => client.markVisited(session.planId, at).catch(() => undefined))
  const dwell = setTimeout(() => {
    dwelled = true
    mark(openedAt)
  }, VISIT_DWELL_MS)
  onCleanup(() => {
    clearTimeout(dwell)
    if (dwelled) mark(Date.now())
  })
  const groups = createMemo(
    () => {
      tick()
      const at = since()
      return at === null ? [] : newSinceIn(session, props.me, at)
    },
    [],
    { equals: sameGroups },
  )
  const seen = () => {
    const now = Date.now()
    setSince(now)
    setStatus(tSignals('new.seenDone'))
    mark(now)
  }
  return (
    <section class="new-since card" aria-labelledby="new-since-title">
      <h2 id="new-since-title" class="card__title">
        {tSignals('new.title')}
      </h2>
      <Show when={groups().length > 0} fallback={<p class="muted">{tSignals('new.none')}</p>}>
        <ul class="for-you__list new-since__list">
          <For each={groups()}>
            {(g) => (
              <li class="for-you__item" data-section={g.section}>
                <SectionLink planId={session.planId} section={g.section}>
                  {groupText(g, team.findByKey(g.author)?.name || g.name || tSignals('new.someone'))}
                </SectionLink>{' '}
                <span class="muted">{formatDateTime(g.latest)}</span>
              </li>
            )}
          </For>
        </ul>
        <button type="button" class="button button--secondary" onClick={seen}>
          {tSignals('new.seen')}
        </button>
      </Show>
      <p class="visually-hidden" role="status">
        {status()}
      </p>
    </section>
  )
}

/** the lines a plan card shows at most; the plan itself shows the rest */
const CARD_LINES = 3

/** On a plan card of the home screen: plain text (the card is a link to the plan). */
export function CardNewSince(props: { groups: readonly NewSinceGroup[] | undefined }) {
  const lines = () => props.groups ?? []
  return (
    <Show when={lines().length > 0}>
      <span class="plan-card__fact plan-card__new">
        {tSignals('new.home', {
          items:
            lines()
              .slice(0, CARD_LINES)
              .map((g) => groupText(g, g.name || tSignals('new.someone')))
              .join('; ') + (lines().length > CARD_LINES ? ` ${tSignals('new.homeMore', { n: lines().length - CARD_LINES })}` : ''),
        })}
      </span>
    </Show>
  )
}
