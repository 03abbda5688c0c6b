import { For, Show, createMemo, createSignal } from 'solid-js'
import { FromMeetingLink } from './FromMeeting'
import { OBSERVATION_CONTEXTS, type ObservationContext } from '../../plan'
import { formatPlanDate, todayIso, tPlan } from '../i18n/plan'
import { Field, TextField } from '../components/Field'
import { FormError } from '../components/FormFooter'
import { createFormErrors } from './formErrors'
import { LONG_TEXT_MAX } from '../../plan/limits'
import { GoalSelect, RadioGroup } from './fields'
import { sameIds, type SectionsModel } from './model'
import { createPaging } from './paging'
import { ShowMore } from './ShowMore'
import './sections.css'

/**
 * "Observatie toevoegen": a parent on a phone in a few seconds. It only writes the plan doc; the
 * sync layer seals and sends it, now or when the device is back online. The confirmation says
 * honestly where the note is: on this device, or also confirmed by the relay.
 */
export function ObservationQuickAdd(props: { model: SectionsModel }) {
  const m = props.model
  const focusText = () => document.getElementById('obs-text')?.focus()
  const [text, setText] = createSignal('')
  const [context, setContext] = createSignal<ObservationContext>('thuis')
  const [goalId, setGoalId] = createSignal('')
  const [date, setDate] = createSignal(todayIso())
  const errors = createFormErrors()
  const [savedAt, setSavedAt] = createSignal<number | null>(null)

  const confirmation = () => {
    const at = savedAt()
    if (at === null) return ''
    const s = m.status()
    return s.state === 'synced' && (s.lastSyncedAt ?? 0) >= at ? tPlan('obs.savedSynced') : tPlan('obs.savedLocal')
  }

  const submit = (e: SubmitEvent) => {
    e.preventDefault()
    const form = e.currentTarget as HTMLFormElement
    errors.clear()
    if (!text().trim()) return errors.set('text', tPlan('common.required'), form)
    try {
      const now = Date.now()
      m.observations.add({ text: text(), context: context(), date: date() || todayIso(), goalIds: goalId() ? [goalId()] : [] }, m.me, now)
      setText('')
      setSavedAt(now)
      focusText() // ready for the next one
    } catch (err) {
      errors.fromError(err, ['text', 'date'], form)
    }
  }

  return (
    <section class="sp-quick card" aria-labelledby="obs-quick-title">
      <h2 id="obs-quick-title" class="card__title sp-quick__title">
        {tPlan('obs.quickTitle')}
      </h2>
      <form autocomplete="off" class="form" onSubmit={submit} novalidate>
        <TextField
          id="obs-text"
          label={tPlan('obs.text')}
          hint={tPlan('obs.textHint')}
          value={text()}
          onInput={setText}
          multiline
          maxLength={LONG_TEXT_MAX}
          error={errors.of('text')}
        />
        <RadioGroup
          name="obs-context"
          legend={tPlan('obs.context')}
          options={OBSERVATION_CONTEXTS}
          value={context()}
          onChange={setContext}
          label={(c) => tPlan(`obs.context.${c}`)}
          inline
        />
        <div class="sp-row">
          <Field id="obs-goal" label={tPlan('obs.goal')} optional>
            <GoalSelect model={m} id="obs-goal" value={goalId()} onChange={setGoalId} emptyLabel={tPlan('obs.noGoal')} />
          </Field>
          <Field id="obs-date" label={tPlan('obs.date')} error={errors.of('date')}>
            <input
              autocomplete="off"
              id="obs-date"
              type="date"
              class="input sp-date"
              value={date()}
              max={todayIso()}
              onInput={(e) => setDate(e.currentTarget.value)}
              aria-invalid={errors.of('date') ? 'true' : undefined}
              aria-describedby={errors.of('date') ? 'obs-date-error' : undefined}
            />
          </Field>
        </div>
        <FormError message={errors.general()} />
        <div class="actions">
          <button type="submit" class="button">
            {tPlan('obs.submit')}
          </button>
        </div>
        <p class="sp-confirm" role="status" aria-live="polite">
          <Show when={confirmation()}>
            <span class="sp-confirm__text">{confirmation()}</span>
          </Show>
        </p>
      </form>
    </section>
  )
}

export function ObservationsSection(props: { model: SectionsModel; withQuickAdd: boolean }) {
  const m = props.model
  // five years of notes stay quick to render: a page at a time, newest first
  const paging = createPaging(createMemo(() => m.observationList().map((o) => o.id), [], { equals: sameIds }))
  m.revealer.register('observations', paging.reveal)
  const list = () => m.observationList().slice(0, paging.shown().length)
  let listElement: HTMLUListElement | undefined

  return (
    <section class="sp-section" id="sp-observations" aria-labelledby="obs-title">
      <h2 id="obs-title" tabindex="-1">
        {tPlan('obs.title')}
      </h2>
      <p class="muted">{tPlan('obs.intro')}</p>
      <Show when={props.withQuickAdd && m.canContribute()}>
        <ObservationQuickAdd model={m} />
      </Show>
      <Show when={!m.canContribute()}>
        <p class="notice notice--info">{tPlan('obs.readOnly')}</p>
      </Show>
      <h3 class="sp-subtitle">{tPlan('obs.listTitle')}</h3>
      <Show when={m.observationList().length > 0} fallback={<p class="empty">{tPlan('obs.empty')}</p>}>
        <ul class="sp-list sp-observations" id="obs-list" aria-labelledby="obs-title" ref={listElement}>
          <For each={list()}>
            {(o) => (
              <li class="sp-item sp-observation" data-context={o.context} data-observation-id={o.id}>
                <p class="sp-item__meta">
                  <time datetime={o.date} class="sp-item__date">
                    {formatPlanDate(o.date)}
                  </time>
                  <span class={`sp-badge sp-badge--${o.context}`}>{tPlan(`obs.context.${o.context}`)}</span>
                  <span class="sp-item__author">{m.nameOf(o.createdBy)}</span>
                </p>
                <p class="sp-item__text">{o.text}</p>
                <For each={o.goalIds}>{(g) => <p class="sp-item__link">{tPlan('obs.aboutGoal', { goal: m.goalTitle(g) })}</p>}</For>
                <FromMeetingLink model={m} meetingId={o.meetingId} />
              </li>
            )}
          </For>
        </ul>
        <ShowMore paging={paging} list={() => listElement} controls="obs-list" />
      </Show>
    </section>
  )
}
