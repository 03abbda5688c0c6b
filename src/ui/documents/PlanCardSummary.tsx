import { Show, createSignal, onCleanup } from 'solid-js'
import type { PlanSummary } from '../../access/types'
import type { HomeSummary } from '../../plan'
import { loadClient } from '../client'
import { t } from '../i18n'
import { formatPlanDate, todayIso } from '../i18n/plan'
import { CardNewSince } from '../components/NewSince'
import { CardReminders } from '../components/Reminders'
import './documents.css'

/** how often the home screen re-reads the sync state of the plans open in the background */
const SYNC_REFRESH_MS = 3000

type Sync = NonNullable<PlanSummary['sync']>

/**
 * The sync state of each plan open in this app, kept fresh while the home screen shows: plans
 * opened earlier keep syncing in the background. Only the states change, so the cards (and the
 * focus on one) stay. Call inside a component.
 */
/**
 * The plans as the client sees them now, re-read every few seconds: the sync state of plans open
 * in the background, and the summary an open plan saved since the home screen was drawn (it is
 * saved a moment after each change, so leaving a plan right after an edit must still show it).
 */
export function createLivePlans(): (planId: string) => PlanSummary | undefined {
  const [plans, setPlans] = createSignal<ReadonlyMap<string, PlanSummary>>(new Map())
  const refresh = async () => {
    const list = await (await loadClient()).listPlans()
    setPlans(new Map(list.map((p) => [p.planId, p] as const)))
  }
  const timer = setInterval(() => void refresh().catch(() => undefined), SYNC_REFRESH_MS)
  onCleanup(() => clearInterval(timer))
  return (planId) => plans().get(planId)
}

function syncLabel(s: Sync): string {
  return s.state === 'pending' ? t('status.pending', { n: s.pending }) : t(`status.${s.state}`)
}

/**
 * A plan card's summary on the home screen: school, next meeting, open afspraken, as last seen on
 * this device (a meeting date that has passed since is no next meeting), and the sync state when
 * the plan is open in the background.
 */
export function PlanCardSummary(props: { summary: HomeSummary | null; sync?: Sync }) {
  return (
    <>
      <Show when={props.summary}>
        {(s) => (
          <span class="plan-card__summary">
            <Show when={s().school}>
              <span class="plan-card__fact">{t('home.school', { school: s().school })}</span>
            </Show>
            <span class="plan-card__fact">
              {s().nextMeeting && s().nextMeeting >= todayIso() ? t('home.nextMeeting', { date: formatPlanDate(s().nextMeeting) }) : t('home.noMeeting')}
            </span>
            <span class="plan-card__fact">
              {s().openActions === 0 ? t('home.noOpenActions') : s().openActions === 1 ? t('home.openAction') : t('home.openActions', { n: s().openActions })}
            </span>
            <CardNewSince groups={s().newSince} />
            <CardReminders reminders={s().reminders} />
          </span>
        )}
      </Show>
      <Show when={props.sync}>
        {(s) => (
          <span class="plan-card__sync" data-state={s().state}>
            {syncLabel(s())}
          </span>
        )}
      </Show>
    </>
  )
}
