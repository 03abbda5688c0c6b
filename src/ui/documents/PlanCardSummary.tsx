import { Show } from 'solid-js'
import type { HomeSummary } from '../../plan'
import { formatPlanDate, todayIso } from '../i18n/sections'
import { td } from '../i18n/documents'
import './documents.css'

/**
 * A plan card's summary on the home screen: school, next meeting, open afspraken, as last seen on
 * this device. A meeting date that has passed since is no next meeting.
 */
export function PlanCardSummary(props: { summary: HomeSummary | null }) {
  return (
    <Show when={props.summary}>
      {(s) => (
        <span class="plan-card__summary">
          <Show when={s().school}>
            <span class="plan-card__fact">{td('home.school', { school: s().school })}</span>
          </Show>
          <span class="plan-card__fact">{s().nextMeeting && s().nextMeeting >= todayIso() ? td('home.nextMeeting', { date: formatPlanDate(s().nextMeeting) }) : td('home.noMeeting')}</span>
          <span class="plan-card__fact">{s().openActions === 0 ? td('home.noOpenActions') : s().openActions === 1 ? td('home.openAction') : td('home.openActions', { n: s().openActions })}</span>
        </span>
      )}
    </Show>
  )
}
