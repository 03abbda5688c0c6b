import { For, Show, createSignal } from 'solid-js'
import { FromMeetingLink } from './FromMeeting'
import {
  EVALUATION_DECISIONS,
  EVALUATION_RESULTS,
  GOAL_DOMAINS,
  GOAL_STATUSES,
  type EvaluationDecision,
  type EvaluationResult,
  type GoalDomain,
  type GoalStatus,
} from '../../plan'
import { formatPlanDate, todayIso, tPlan } from '../i18n/plan'
import { CollabEditor } from '../components/CollabEditor'
import { Dialog } from './Dialog'
import { Field, SelectField, TextField } from '../components/Field'
import { FormFooter } from '../components/FormFooter'
import { createFormErrors } from './formErrors'
import { MemberSelect, RadioGroup } from './fields'
import type { SectionsModel } from './model'
import { createPaging } from './paging'
import { ShowMore } from './ShowMore'
import './sections.css'
import { LONG_TEXT_MAX, TITLE_MAX } from '../../plan/limits'

const domainLabel = (d: GoalDomain) => tPlan(`goals.domain.${d}`)
const statusLabel = (s: GoalStatus) => tPlan(`goals.status.${s}`)

export interface GoalFields {
  title: string
  description: string
  domain: GoalDomain
  owner: string
  targetDate: string
}

/** The fields of the goal form a refused write can point at (PlanError.field). */
const GOAL_FORM_FIELDS = ['title', 'description', 'domain', 'owner', 'targetDate'] as const

/** The fields of a new goal, for "Doel toevoegen" and for "Maak doel" from a line of meeting notes. */
export function GoalForm(props: {
  model: SectionsModel
  id: string
  initialTitle?: string
  submitLabel: string
  onSave: (goal: GoalFields) => void
  onCancel: () => void
}) {
  const [title, setTitle] = createSignal(props.initialTitle ?? '')
  const [description, setDescription] = createSignal('')
  const [domain, setDomain] = createSignal<GoalDomain>('leren')
  const [owner, setOwner] = createSignal('')
  const [targetDate, setTargetDate] = createSignal('')
  const errors = createFormErrors()
  const submit = (e: SubmitEvent) => {
    e.preventDefault()
    const form = e.currentTarget as HTMLFormElement
    errors.clear()
    if (!title().trim()) return errors.set('title', tPlan('common.required'), form)
    try {
      props.onSave({ title: title(), description: description(), domain: domain(), owner: owner(), targetDate: targetDate() })
    } catch (err) {
      errors.fromError(err, GOAL_FORM_FIELDS, form)
    }
  }
  return (
    <form autocomplete="off" class="form" onSubmit={submit} novalidate>
      <TextField
        id={`${props.id}-title`}
        maxLength={TITLE_MAX}
        label={tPlan('goals.goalTitle')}
        hint={tPlan('goals.goalTitleHint')}
        value={title()}
        onInput={setTitle}
        error={errors.of('title')}
      />
      <TextField
        id={`${props.id}-description`}
        maxLength={LONG_TEXT_MAX}
        label={tPlan('goals.description')}
        hint={tPlan('goals.descriptionHint')}
        optional
        value={description()}
        onInput={setDescription}
        multiline
        error={errors.of('description')}
      />
      <div class="sp-row">
        <SelectField
          id={`${props.id}-domain`}
          label={tPlan('goals.domain')}
          options={GOAL_DOMAINS}
          value={domain()}
          onChange={setDomain}
          labelOf={domainLabel}
        />
        <Field id={`${props.id}-owner`} label={tPlan('goals.owner')}>
          <MemberSelect model={props.model} id={`${props.id}-owner`} value={owner()} onChange={setOwner} />
        </Field>
        <TextField
          id={`${props.id}-date`}
          type="date"
          label={tPlan('goals.targetDate')}
          optional
          value={targetDate()}
          onInput={setTargetDate}
          error={errors.of('targetDate')}
        />
      </div>
      <FormFooter error={errors.general()} submitLabel={props.submitLabel} onCancel={props.onCancel} />
    </form>
  )
}

/** Evaluating a goal: behaald/deels/niet, what was seen, and the decision. From the plan or in a meeting. */
export function EvaluationForm(props: { model: SectionsModel; id: string; goalId: string; meetingId: string; onDone: () => void }) {
  const m = props.model
  const [date, setDate] = createSignal(todayIso())
  const [result, setResult] = createSignal<EvaluationResult>('deels')
  const [seen, setSeen] = createSignal('')
  const [decision, setDecision] = createSignal<EvaluationDecision>('doorgaan')
  const [status, setStatus] = createSignal<GoalStatus>(m.goal(props.goalId)?.status ?? 'open')
  const errors = createFormErrors()
  const pickResult = (r: EvaluationResult) => {
    setResult(r)
    // a suggestion the user can change: a goal reached is done unless the team goes on with it
    setStatus(r === 'behaald' && decision() !== 'doorgaan' && decision() !== 'bijstellen' ? 'behaald' : 'open')
  }
  const pickDecision = (d: EvaluationDecision) => {
    setDecision(d)
    setStatus(result() === 'behaald' && d !== 'doorgaan' && d !== 'bijstellen' ? 'behaald' : 'open')
  }
  const submit = (e: SubmitEvent) => {
    e.preventDefault()
    errors.clear()
    try {
      m.goals.addEvaluation(
        props.goalId,
        { date: date() || todayIso(), result: result(), seen: seen(), decision: decision(), meetingId: props.meetingId },
        m.me,
      )
      m.goals.update(props.goalId, { status: status() })
      props.onDone()
    } catch (err) {
      errors.fromError(err, ['seen', 'date'], e.currentTarget as HTMLFormElement)
    }
  }
  return (
    <form autocomplete="off" class="form" onSubmit={submit} novalidate>
      <p class="lead">{m.goalTitle(props.goalId)}</p>
      <RadioGroup
        name={`${props.id}-result`}
        legend={tPlan('eval.result')}
        options={EVALUATION_RESULTS}
        value={result()}
        onChange={pickResult}
        label={(r) => tPlan(`eval.result.${r}`)}
        inline
      />
      <TextField
        id={`${props.id}-seen`}
        maxLength={LONG_TEXT_MAX}
        label={tPlan('eval.seen')}
        hint={tPlan('eval.seenHint')}
        value={seen()}
        onInput={setSeen}
        multiline
        error={errors.of('seen')}
      />
      <RadioGroup
        name={`${props.id}-decision`}
        legend={tPlan('eval.decision')}
        options={EVALUATION_DECISIONS}
        value={decision()}
        onChange={pickDecision}
        label={(d) => tPlan(`eval.decision.${d}`)}
        help={(d) => tPlan(`eval.decision.${d}.help`)}
      />
      <div class="sp-row">
        <SelectField
          id={`${props.id}-status`}
          label={tPlan('eval.status')}
          options={GOAL_STATUSES}
          value={status()}
          onChange={setStatus}
          labelOf={statusLabel}
        />
        <TextField id={`${props.id}-date`} type="date" label={tPlan('common.date')} value={date()} onInput={setDate} error={errors.of('date')} />
      </div>
      <FormFooter error={errors.general()} submitLabel={tPlan('common.save')} onCancel={props.onDone} />
    </form>
  )
}

export function EvaluateButton(props: { model: SectionsModel; goalId: string; meetingId: string }) {
  const [open, setOpen] = createSignal(false)
  const id = () => `eval-${props.goalId}`
  return (
    <>
      <button
        type="button"
        class="button button--secondary button--small"
        aria-haspopup="dialog"
        aria-label={tPlan('goals.evaluateOf', { title: props.model.goalTitle(props.goalId) })}
        onClick={() => setOpen(true)}
      >
        {tPlan('goals.evaluate')}
      </button>
      <Dialog id={id()} open={open()} onClose={() => setOpen(false)} title={tPlan('eval.title')}>
        <EvaluationForm model={props.model} id={id()} goalId={props.goalId} meetingId={props.meetingId} onDone={() => setOpen(false)} />
      </Dialog>
    </>
  )
}

function statusClass(status: GoalStatus): string {
  return `sp-badge sp-badge--${status.replace(/\s+/g, '-')}`
}

function GoalCard(props: { model: SectionsModel; id: string }) {
  const m = props.model
  const [expanded, setExpanded] = createSignal(false)
  const goal = () => m.goal(props.id)
  const detailsId = `goal-${props.id}-details`
  const readOnly = () => !m.canEdit()
  return (
    <Show when={goal()}>
      {(g) => (
        <li class="sp-item sp-goal" data-goal-id={props.id}>
          <div class="sp-item__head">
            <h3 class="sp-item__title">{m.goalTitle(props.id)}</h3>
            <span class={statusClass(g().status)}>{tPlan(`goals.status.${g().status}`)}</span>
          </div>
          <ul class="sp-facts">
            <li>
              {tPlan('goals.domain')}: {tPlan(`goals.domain.${g().domain}`)}
            </li>
            <li>
              {tPlan('goals.owner')} {g().owner ? m.nameOf(g().owner) : tPlan('common.nobody')}
            </li>
            <li>
              {tPlan('goals.targetDate')}: {g().targetDate ? formatPlanDate(g().targetDate) : tPlan('goals.noDate')}
            </li>
          </ul>
          <FromMeetingLink model={m} meetingId={g().meetingId} />
          <Show when={g().evaluations.at(-1)}>
            {(ev) => (
              <p class="sp-item__link">
                {tPlan('goals.evaluationLine', {
                  date: formatPlanDate(ev().date),
                  result: tPlan(`eval.result.${ev().result}`),
                  decision: tPlan(`eval.decision.${ev().decision}`),
                })}
              </p>
            )}
          </Show>
          <div class="actions">
            <button
              type="button"
              class="button button--secondary button--small"
              aria-expanded={expanded()}
              aria-controls={detailsId}
              aria-label={tPlan('goals.detailsOf', { title: m.goalTitle(props.id) })}
              onClick={() => setExpanded((x) => !x)}
            >
              {tPlan('goals.details')}
            </button>
            <Show when={m.canEdit()}>
              <EvaluateButton model={m} goalId={props.id} meetingId="" />
            </Show>
          </div>
          <div id={detailsId} class="sp-details" hidden={!expanded()}>
            <Show when={expanded()}>
              <CollabEditor
                id={`goal-${props.id}-title`}
                text={m.goals.text(props.id, 'title')}
                awareness={m.awareness}
                readOnly={readOnly()}
                label={tPlan('goals.goalTitle')}
                placeholder={tPlan('goals.goalTitleHint')}
                singleLine
                maxLength={TITLE_MAX}
                size="line"
              />
              <CollabEditor
                id={`goal-${props.id}-description`}
                text={m.goals.text(props.id, 'description')}
                awareness={m.awareness}
                readOnly={readOnly()}
                label={tPlan('goals.description')}
                placeholder={tPlan('goals.descriptionHint')}
                size="large"
                rich
              />
              <div class="sp-row">
                <SelectField
                  id={`goal-${props.id}-domain`}
                  label={tPlan('goals.domain')}
                  options={GOAL_DOMAINS}
                  value={g().domain}
                  disabled={readOnly()}
                  onChange={(domain) => m.goals.update(props.id, { domain })}
                  labelOf={domainLabel}
                />
                <Field id={`goal-${props.id}-owner`} label={tPlan('goals.owner')}>
                  <MemberSelect
                    model={m}
                    id={`goal-${props.id}-owner`}
                    value={g().owner}
                    disabled={readOnly()}
                    onChange={(owner) => m.goals.update(props.id, { owner })}
                  />
                </Field>
                <Field id={`goal-${props.id}-target`} label={tPlan('goals.targetDate')}>
                  <input
                    autocomplete="off"
                    id={`goal-${props.id}-target`}
                    type="date"
                    class="input sp-date"
                    value={g().targetDate}
                    disabled={readOnly()}
                    onChange={(e) => {
                      const v = e.currentTarget.value
                      if (v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v)) m.goals.update(props.id, { targetDate: v })
                    }}
                  />
                </Field>
                <SelectField
                  id={`goal-${props.id}-status`}
                  label={tPlan('goals.status')}
                  options={GOAL_STATUSES}
                  value={g().status}
                  disabled={readOnly()}
                  onChange={(status) => m.goals.update(props.id, { status })}
                  labelOf={statusLabel}
                />
              </div>
              <h4 class="sp-subtitle">{tPlan('goals.evaluations')}</h4>
              <Show when={g().evaluations.length > 0} fallback={<p class="muted">{tPlan('goals.noEvaluations')}</p>}>
                <ul class="sp-list">
                  <For each={g().evaluations}>
                    {(ev) => (
                      <li class="sp-item">
                        <p>
                          {tPlan('goals.evaluationLine', {
                            date: formatPlanDate(ev.date),
                            result: tPlan(`eval.result.${ev.result}`),
                            decision: tPlan(`eval.decision.${ev.decision}`),
                          })}
                        </p>
                        <Show when={ev.seen}>
                          <p class="sp-item__text">{tPlan('goals.seen', { seen: ev.seen })}</p>
                        </Show>
                        <p class="sp-item__link">{tPlan('common.by', { name: m.nameOf(ev.createdBy) })}</p>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
              <p class="sp-item__link">
                {tPlan('goals.observations', { n: m.observationList().filter((o) => o.goalIds.includes(props.id)).length })} ·{' '}
                {tPlan('goals.actionsCount', { n: m.actionList().filter((a) => a.goalId === props.id).length })}
              </p>
            </Show>
          </div>
        </li>
      )}
    </Show>
  )
}

export function GoalsSection(props: { model: SectionsModel }) {
  const m = props.model
  const [adding, setAdding] = createSignal(false)
  const paging = createPaging(m.goalIds)
  m.revealer.register('goals', paging.reveal)
  let list: HTMLUListElement | undefined
  return (
    <section class="sp-section" id="sp-goals" aria-labelledby="goals-title">
      <div class="section-head">
        <h2 id="goals-title" tabindex="-1">
          {tPlan('goals.title')}
        </h2>
        <Show when={m.canEdit()}>
          <button type="button" class="button" aria-haspopup="dialog" onClick={() => setAdding(true)}>
            {tPlan('goals.add')}
          </button>
        </Show>
      </div>
      <p class="muted">{tPlan('goals.intro')}</p>
      <Show when={m.goalIds().length > 0} fallback={<p class="empty">{tPlan('goals.empty')}</p>}>
        <ul class="sp-list sp-goals" id="goals-list" ref={list}>
          <For each={paging.shown()}>{(id) => <GoalCard model={m} id={id} />}</For>
        </ul>
        <ShowMore paging={paging} list={() => list} controls="goals-list" />
      </Show>
      <Dialog id="goal-add" open={adding()} onClose={() => setAdding(false)} title={tPlan('goals.addTitle')}>
        <GoalForm
          model={m}
          id="goal-add"
          submitLabel={tPlan('goals.add')}
          onCancel={() => setAdding(false)}
          onSave={(g) => {
            m.goals.add({ title: g.title, description: g.description, domain: g.domain, owner: g.owner, targetDate: g.targetDate }, m.me)
            setAdding(false)
          }}
        />
      </Dialog>
    </section>
  )
}
