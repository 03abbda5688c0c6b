/**
 * "Voor jou": what is asked of this person now, each item a link to the section where it is done
 * (its address, so back returns). On the plan, live from the session (src/access/forYou.ts); on
 * the home screen, per plan from the sealed summary the plan saved when it was last open here.
 */
import { For, Show, createMemo } from 'solid-js'
import type { PlanSession, PlanSummary } from '../../access/types'
import { forYouIn } from '../../access/forYou'
import { createActions, createConsents, createInstemming, createMeetings, createOrganisations } from '../../plan'
import type { ForYouItem } from '../../plan/forYou'
import { t } from '../i18n'
import { tNav } from '../i18n/nav'
import { formatPlanDate } from '../i18n/plan'
import { SectionLink } from './SectionMenu'
import { FOR_YOU_SECTION } from '../sections/planNav'
import { createPlanTick } from '../team/TeamView'
import './nav.css'

const sameItems = (a: readonly ForYouItem[], b: readonly ForYouItem[]) => JSON.stringify(a) === JSON.stringify(b)

function itemText(item: ForYouItem): string {
  switch (item.kind) {
    case 'consent':
      return tNav('forYou.consent', { org: item.organisationName })
    case 'instemming':
      return tNav(item.again ? 'forYou.instemmingAgain' : 'forYou.instemming')
    case 'verslag':
      return tNav('forYou.verslag', { date: formatPlanDate(item.date) })
    case 'prepare':
      return tNav('forYou.prepare', { date: formatPlanDate(item.date) })
    case 'afspraak':
      return item.when ? tNav('forYou.afspraakWhen', { what: item.what, when: item.when }) : tNav('forYou.afspraak', { what: item.what })
  }
}

function ForYouList(props: { planId: string; items: ForYouItem[] }) {
  return (
    <ul class="for-you__list">
      <For each={props.items}>
        {(item) => (
          <li class="for-you__item" data-kind={item.kind}>
            {/* a preparation has a page of its own (src/ui/prep); everything else is done in a section */}
            <Show
              when={item.kind === 'prepare' && item.meetingId}
              keyed
              fallback={
                <SectionLink planId={props.planId} section={FOR_YOU_SECTION[item.kind]}>
                  {itemText(item)}
                </SectionLink>
              }
            >
              {(meetingId) => <a href={`#/plan/${props.planId}/voorbereiden/${meetingId}`}>{itemText(item)}</a>}
            </Show>
          </li>
        )}
      </For>
    </ul>
  )
}

/** At the top of the plan. */
export function PlanForYou(props: { session: PlanSession; me: string }) {
  const session = props.session
  const tick = createPlanTick(
    session,
    (bump) => createActions(session.doc).observe(bump),
    (bump) => createConsents(session.doc).observe(bump),
    (bump) => createOrganisations(session.doc).observe(bump),
    (bump) => createInstemming(session.doc).observe(bump),
    // a meeting ahead to prepare (one's own answers come with a status event, as every edit does)
    (bump) => createMeetings(session.doc).observe(() => bump()),
  )
  const items = createMemo(
    () => {
      tick()
      return forYouIn(session, props.me)
    },
    [],
    { equals: sameItems },
  )
  return (
    <section class="for-you card" aria-labelledby="for-you-title">
      <h2 id="for-you-title" class="card__title">
        {tNav('forYou.title')}
      </h2>
      <Show when={items().length > 0} fallback={<p class="muted">{tNav('forYou.none')}</p>}>
        <ForYouList planId={session.planId} items={items()} />
      </Show>
    </section>
  )
}

/** On the home screen: per plan on this device, what it asked of me when it was last open here. */
export function HomeForYou(props: { plans: PlanSummary[]; live: (planId: string) => PlanSummary | undefined }) {
  // re-read every few seconds (createLivePlans): equal items keep their links, and the focus on one
  const itemsOf = (p: PlanSummary) => createMemo(() => (props.live(p.planId)?.summary ?? p.summary)?.forYou ?? [], [], { equals: sameItems })
  const asked = createMemo(() => props.plans.map((plan) => ({ plan, items: itemsOf(plan) })))
  return (
    <section class="for-you card" aria-labelledby="home-for-you-title">
      <h2 id="home-for-you-title" class="card__title">
        {tNav('forYou.title')}
      </h2>
      <Show when={asked().some((p) => p.items().length > 0)} fallback={<p class="muted">{tNav('forYou.homeNone')}</p>}>
        <For each={asked()}>
          {(p) => (
            <Show when={p.items().length > 0}>
              <h3 class="for-you__plan">{p.plan.title ? tNav('forYou.plan', { name: p.plan.title }) : t('home.untitled')}</h3>
              <ForYouList planId={p.plan.planId} items={p.items()} />
            </Show>
          )}
        </For>
      </Show>
    </section>
  )
}
