/**
 * Herinneringen: the dates coming up in the plan (src/plan/reminders.ts), each a link to the
 * section where it is handled. At the top of the plan, live from the session; on a plan card,
 * from the sealed summary, as plain text (the card is the link).
 */
import { For, Show, createMemo } from 'solid-js'
import type { PlanSession } from '../../access/types'
import { remindersIn } from '../../access/reminders'
import { createActions, createGoals, createMeetings, createMeta, createTeam, type Reminder } from '../../plan'
import { formatPlanDate, todayIso } from '../i18n/plan'
import { tSignals } from '../i18n/signals'
import { tDue } from '../i18n/due'
import type { PlanSection } from '../routes'
import { SectionLink } from './SectionMenu'
import { createPlanTick } from '../team/TeamView'
import './nav.css'

const REMINDER_SECTION: Record<Reminder['kind'], PlanSection> = {
  goal: 'doelen',
  action: 'afspraken',
  meeting: 'overleggen',
  planEvaluation: 'status',
  oppYearly: 'perspectief',
  consent: 'toestemmingen',
  guest: 'betrokkenen',
}

export function reminderText(r: Reminder): string {
  const date = formatPlanDate(r.date)
  switch (r.kind) {
    case 'goal':
      return tSignals(r.overdue ? 'reminders.goalOverdue' : 'reminders.goal', { what: r.title, date })
    case 'action':
      return tDue(dueReminderKey(r), { what: r.what, who: r.who, date })
    case 'meeting':
      return tSignals('reminders.meeting', { date })
    case 'planEvaluation':
      return tSignals(r.overdue ? 'reminders.planEvaluationOverdue' : 'reminders.planEvaluation', { date })
    case 'oppYearly':
      return tSignals(r.overdue ? 'reminders.oppYearlyOverdue' : 'reminders.oppYearly', { date })
    case 'consent':
      return tSignals('reminders.consent', { who: r.organisationName, date })
    case 'guest':
      return tSignals('reminders.guest', { who: r.name || tSignals('reminders.someone'), date })
  }
}

function dueReminderKey(r: { overdue: boolean; who: string }) {
  if (r.overdue) return r.who ? 'due.reminder.overdueFor' : 'due.reminder.overdue'
  return r.who ? 'due.reminder.for' : 'due.reminder'
}

const same = (a: readonly Reminder[], b: readonly Reminder[]) => JSON.stringify(a) === JSON.stringify(b)

/** At the top of the plan. */
export function PlanReminders(props: { session: PlanSession }) {
  const session = props.session
  const tick = createPlanTick(
    session,
    (bump) => createGoals(session.doc).observe(bump),
    (bump) => createActions(session.doc).observe(bump),
    (bump) => createMeetings(session.doc).observe(bump),
    (bump) => createMeta(session.doc).observe(bump),
    (bump) => createTeam(session.doc).observe(bump),
  )
  const reminders = createMemo(
    () => {
      tick()
      return remindersIn(session, Date.now())
    },
    [],
    { equals: same },
  )
  return (
    <section class="reminders card" aria-labelledby="reminders-title">
      <h2 id="reminders-title" class="card__title">
        {tSignals('reminders.title')}
      </h2>
      <Show when={reminders().length > 0} fallback={<p class="muted">{tSignals('reminders.none')}</p>}>
        <ul class="for-you__list reminders__list">
          <For each={reminders()}>
            {(r) => (
              <li class="for-you__item" data-kind={r.kind} data-overdue={'overdue' in r && r.overdue ? 'true' : undefined}>
                <SectionLink planId={session.planId} section={REMINDER_SECTION[r.kind]}>
                  {reminderText(r)}
                </SectionLink>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}

const CARD_LINES = 2

/**
 * On a plan card: the first few. Not the next meeting (the card names it already), nor a date
 * that ended since the summary was saved (consent, a guest's access).
 */
export function CardReminders(props: { reminders: readonly Reminder[] | undefined }) {
  const lines = () =>
    (props.reminders ?? []).filter((r) => r.kind !== 'meeting' && ((r.kind !== 'consent' && r.kind !== 'guest') || r.date >= todayIso())).slice(0, CARD_LINES)
  return (
    <For each={lines()}>
      {(r) => (
        <span class="plan-card__fact plan-card__reminder" data-kind={r.kind}>
          {reminderText(r)}
        </span>
      )}
    </For>
  )
}
