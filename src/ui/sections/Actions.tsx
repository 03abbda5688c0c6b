import { For, Show, createMemo, createSignal } from 'solid-js'
import { FromMeetingLink } from './FromMeeting'
import type { PlanSession } from '../../access/types'
import { FUNDERS, type Action, type Funder } from '../../plan'
import { formatPlanDate, tPlan } from '../i18n/plan'
import { tDue } from '../i18n/due'
import { Dialog } from './Dialog'
import { InstemmingPanel } from './Instemming'
import { VaststellingPanel } from './Vaststelling'
import { Field, TextField } from '../components/Field'
import { FormFooter } from '../components/FormFooter'
import { createFormErrors } from './formErrors'
import { GoalSelect, MemberSelect, OTHER, RadioGroup } from './fields'
import { sameIds, type SectionsModel } from './model'
import { createPaging } from './paging'
import { ShowMore } from './ShowMore'
import './sections.css'
import { LINE_MAX, SHORT_TEXT_MAX } from '../../plan/limits'

export interface ActionFields {
  what: string
  who: string
  whoKey: string
  when: string
  dueDate: string
  goalId: string
  fundedBy: Funder | ''
}

const FUNDED_OPTIONS = ['', ...FUNDERS] as const
type FundedOption = (typeof FUNDED_OPTIONS)[number]
const fundedLabel = (f: FundedOption) => (f === '' ? tPlan('actions.fundedBy.none') : tPlan(`actions.fundedBy.${f}`))

/** The fields of an afspraak: new, edited, or made from a line of meeting notes. */
export function ActionForm(props: {
  model: SectionsModel
  id: string
  initial?: Partial<ActionFields>
  submitLabel: string
  onSave: (fields: ActionFields) => void
  onCancel: () => void
}) {
  const m = props.model
  const init = props.initial ?? {}
  const [what, setWhat] = createSignal(init.what ?? '')
  const [whoChoice, setWhoChoice] = createSignal(init.whoKey ? init.whoKey : init.who ? OTHER : '')
  const [whoText, setWhoText] = createSignal(init.whoKey ? '' : (init.who ?? ''))
  const [when, setWhen] = createSignal(init.when ?? '')
  const [dueDate, setDueDate] = createSignal(init.dueDate ?? '')
  const [goalId, setGoalId] = createSignal(init.goalId ?? '')
  const [fundedBy, setFundedBy] = createSignal<FundedOption>(init.fundedBy ?? '')
  const errors = createFormErrors()
  const submit = (e: SubmitEvent) => {
    e.preventDefault()
    const form = e.currentTarget as HTMLFormElement
    errors.clear()
    if (!what().trim()) return errors.set('what', tPlan('common.required'), form)
    const choice = whoChoice()
    const member = choice !== OTHER && choice !== '' ? choice : ''
    try {
      props.onSave({
        what: what(),
        whoKey: member,
        who: member ? m.nameOf(member) : choice === OTHER ? whoText() : '',
        when: when(),
        dueDate: dueDate(),
        goalId: goalId(),
        fundedBy: fundedBy(),
      })
    } catch (err) {
      errors.fromError(err, ['what', 'who', 'when', 'dueDate'], form)
    }
  }
  return (
    <form autocomplete="off" class="form" onSubmit={submit} novalidate>
      <TextField
        id={`${props.id}-what`}
        maxLength={LINE_MAX}
        label={tPlan('actions.what')}
        value={what()}
        onInput={setWhat}
        multiline
        rows={2}
        error={errors.of('what')}
      />
      <div class="sp-row">
        <Field id={`${props.id}-who`} label={tPlan('actions.who')}>
          <MemberSelect model={m} id={`${props.id}-who`} value={whoChoice() === OTHER ? '' : whoChoice()} onChange={setWhoChoice} />
        </Field>
        <div class="field sp-check-field">
          <div class="sp-check">
            <input
              type="checkbox"
              id={`${props.id}-who-other`}
              checked={whoChoice() === OTHER}
              onChange={(e) => setWhoChoice(e.currentTarget.checked ? OTHER : '')}
            />
            <label for={`${props.id}-who-other`}>{tPlan('common.someoneElse')}</label>
          </div>
        </div>
      </div>
      <Show when={whoChoice() === OTHER}>
        <TextField
          id={`${props.id}-who-text`}
          maxLength={SHORT_TEXT_MAX}
          label={tPlan('actions.whoOther')}
          hint={tPlan('actions.whoOtherHint')}
          value={whoText()}
          onInput={setWhoText}
          error={errors.of('who')}
        />
      </Show>
      <TextField
        id={`${props.id}-when`}
        maxLength={SHORT_TEXT_MAX}
        label={tPlan('actions.when')}
        hint={tPlan('actions.whenHint')}
        optional
        value={when()}
        onInput={setWhen}
        error={errors.of('when')}
      />
      <TextField
        id={`${props.id}-due`}
        type="date"
        label={tDue('due.label')}
        hint={tDue('due.hint')}
        optional
        value={dueDate()}
        onInput={setDueDate}
        error={errors.of('dueDate')}
      />
      <Field id={`${props.id}-goal`} label={tPlan('actions.goal')} optional>
        <GoalSelect model={m} id={`${props.id}-goal`} value={goalId()} onChange={setGoalId} emptyLabel={tPlan('obs.noGoal')} />
      </Field>
      <RadioGroup
        name={`${props.id}-funded`}
        legend={tPlan('actions.fundedBy')}
        options={FUNDED_OPTIONS}
        value={fundedBy()}
        onChange={setFundedBy}
        label={fundedLabel}
      />
      <FormFooter error={errors.general()} submitLabel={props.submitLabel} onCancel={props.onCancel} />
    </form>
  )
}

/** One afspraak: what, who, when, its date, goal, funder, done. */
export function ActionItem(props: { model: SectionsModel; id: string }) {
  const m = props.model
  return <Show when={m.action(props.id)}>{(a) => <ActionCard model={m} action={a()} />}</Show>
}

function ActionCard(props: { model: SectionsModel; action: Action }) {
  const m = props.model
  const a = () => props.action
  const [editing, setEditing] = createSignal(false)
  const who = () => (a().whoKey ? m.nameOf(a().whoKey) : a().who)
  const doneId = () => `action-${a().id}-done`
  return (
    <li class="sp-item sp-action" classList={{ 'sp-item--done': a().done }} data-action-id={a().id}>
      <div class="sp-item__head">
        <h3 class="sp-item__title">{a().what}</h3>
        <div class="sp-check">
          <input
            type="checkbox"
            id={doneId()}
            checked={a().done}
            disabled={!(m.canEdit() || (m.canContribute() && m.isMine(a().whoKey)))}
            aria-label={tPlan('actions.doneOf', { what: a().what })}
            onChange={(e) => m.actions.setDone(a().id, e.currentTarget.checked)}
          />
          <label for={doneId()}>{tPlan('actions.done')}</label>
        </div>
      </div>
      <ul class="sp-facts">
        <Show when={who()}>
          <li>{tPlan('actions.whoLine', { who: who() })}</li>
        </Show>
        <Show when={a().when}>
          <li>{tPlan('actions.whenLine', { when: a().when })}</li>
        </Show>
        <Show when={a().dueDate}>
          <li>{tDue('due.line', { date: formatPlanDate(a().dueDate) })}</li>
        </Show>
        <Show when={a().goalId}>
          <li>{tPlan('actions.goalLine', { goal: m.goalTitle(a().goalId) })}</li>
        </Show>
        <Show when={a().fundedBy}>
          <li>{tPlan('actions.fundedLine', { funder: fundedLabel(a().fundedBy) })}</li>
        </Show>
      </ul>
      <FromMeetingLink model={m} meetingId={a().meetingId} />
      <Show when={m.canEdit()}>
        <button
          type="button"
          class="button button--secondary button--small"
          aria-haspopup="dialog"
          aria-label={tPlan('actions.editOf', { what: a().what })}
          onClick={() => setEditing(true)}
        >
          {tPlan('common.edit')}
        </button>
        <Dialog id={`action-${a().id}-edit`} open={editing()} onClose={() => setEditing(false)} title={tPlan('actions.editTitle')}>
          <ActionForm
            model={m}
            id={`action-${a().id}-edit`}
            initial={a()}
            submitLabel={tPlan('common.save')}
            onCancel={() => setEditing(false)}
            onSave={(f) => {
              m.actions.update(a().id, f)
              setEditing(false)
            }}
          />
        </Dialog>
      </Show>
    </li>
  )
}

/** The afspraken; with a session, the parents' instemming under them. */
export function ActionsSection(props: { model: SectionsModel; session?: PlanSession }) {
  const m = props.model
  const [adding, setAdding] = createSignal(false)
  const [mine, setMine] = createSignal(false)
  const shown = createMemo(() => (mine() ? m.actionList().filter((a) => m.isMine(a.whoKey)) : m.actionList()).map((a) => a.id), [], {
    equals: sameIds,
  })
  const paging = createPaging(shown)
  m.revealer.register('actions', (id) => {
    // a hit outside "mijn afspraken" shows all afspraken again: the search said it is there
    if (mine() && !shown().includes(id)) setMine(false)
    return paging.reveal(id)
  })
  let list: HTMLUListElement | undefined
  return (
    <section class="sp-section" id="sp-actions" aria-labelledby="actions-title">
      <div class="section-head">
        <h2 id="actions-title" tabindex="-1">
          {tPlan('actions.title')}
        </h2>
        <Show when={m.canEdit()}>
          <button type="button" class="button" aria-haspopup="dialog" onClick={() => setAdding(true)}>
            {tPlan('actions.add')}
          </button>
        </Show>
      </div>
      <p class="muted">{tPlan('actions.intro')}</p>
      <div class="sp-check">
        <input type="checkbox" id="actions-mine" checked={mine()} onChange={(e) => setMine(e.currentTarget.checked)} />
        <label for="actions-mine">{tPlan('actions.mine')}</label>
      </div>
      <Show when={shown().length > 0} fallback={<p class="empty">{mine() ? tPlan('actions.emptyMine') : tPlan('actions.empty')}</p>}>
        <ul class="sp-list sp-actions" id="actions-list" aria-labelledby="actions-title" ref={list}>
          <For each={paging.shown()}>{(id) => <ActionItem model={m} id={id} />}</For>
        </ul>
        <ShowMore paging={paging} list={() => list} controls="actions-list" />
      </Show>
      <Show when={props.session} keyed>
        {(session) => (
          <>
            <InstemmingPanel model={m} session={session} />
            <VaststellingPanel model={m} session={session} />
          </>
        )}
      </Show>
      <Dialog id="action-add" open={adding()} onClose={() => setAdding(false)} title={tPlan('actions.addTitle')}>
        <ActionForm
          model={m}
          id="action-add"
          submitLabel={tPlan('actions.add')}
          onCancel={() => setAdding(false)}
          onSave={(f) => {
            m.actions.add(f, m.me)
            setAdding(false)
          }}
        />
      </Dialog>
    </section>
  )
}
