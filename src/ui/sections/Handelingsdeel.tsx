/**
 * Het handelingsdeel of the OPP: per kind (ondersteuning, begeleiding, extra hulp, anders dan het
 * gewone programma) the lines the school wrote, each with its area and tussendoel; editors add,
 * change and remove them. The explanation of the afwijkingen is a shared text below. The instemming covers all
 * of it (with the goals and the afspraken).
 */
import { For, Show, createSignal, onCleanup } from 'solid-js'
import { createHandelingsdeel, MEASURE_KINDS, type Measure, type MeasureKind } from '../../plan'
import { LINE_MAX, SHORT_TEXT_MAX } from '../../plan/limits'
import { tOpp } from '../i18n/opp'
import { tPlan } from '../i18n/plan'
import { CollabEditor } from '../components/CollabEditor'
import { Field, TextField } from '../components/Field'
import { FormFooter } from '../components/FormFooter'
import { Dialog } from './Dialog'
import { createFormErrors } from './formErrors'
import { GoalSelect, RadioGroup } from './fields'
import type { SectionsModel } from './model'

const kindLabel = (k: MeasureKind) => tOpp(`hdeel.kind.${k}`)

export function HandelingsdeelPart(props: { model: SectionsModel }) {
  const m = props.model
  const store = createHandelingsdeel(m.doc)
  const [measures, setMeasures] = createSignal<Measure[]>(store.list())
  onCleanup(store.observe(setMeasures))
  const [adding, setAdding] = createSignal(false)
  const [editing, setEditing] = createSignal<Measure | null>(null)
  return (
    <div class="ps-opp-part" id="sp-handelingsdeel">
      <h3 class="sp-subtitle" id="hdeel-title">
        {tOpp('hdeel.title')}
      </h3>
      <p class="muted">{tOpp('hdeel.intro')}</p>
      <For each={MEASURE_KINDS}>
        {(kind) => {
          const ofKind = () => measures().filter((x) => x.kind === kind)
          return (
            <div class="ps-opp-kind">
              <h4 class="sp-subtitle" id={`hdeel-${kind}`}>
                {kindLabel(kind)}
              </h4>
              <Show when={ofKind().length > 0} fallback={<p class="empty">{tOpp('hdeel.empty')}</p>}>
                <ul class="sp-list" aria-labelledby={`hdeel-${kind}`} data-testid={`hdeel-${kind}`}>
                  <For each={ofKind()}>{(x) => <MeasureLine model={m} measure={x} onEdit={() => setEditing(x)} onRemove={() => store.remove(x.id)} />}</For>
                </ul>
              </Show>
            </div>
          )
        }}
      </For>
      <Show when={m.canEdit()}>
        <button type="button" class="button button--secondary" aria-haspopup="dialog" onClick={() => setAdding(true)}>
          {tOpp('hdeel.add')}
        </button>
      </Show>
      <CollabEditor
        id="opp-afwijkingen"
        text={m.perspective.text('afwijkingen')}
        awareness={m.awareness}
        readOnly={!m.canEdit()}
        label={tPlan('opp.afwijkingen')}
        placeholder={tPlan('opp.afwijkingenPlaceholder')}
        size="small"
      />
      <Dialog id="hdeel-add" open={adding()} onClose={() => setAdding(false)} title={tOpp('hdeel.addTitle')}>
        <MeasureForm
          model={m}
          submitLabel={tOpp('hdeel.add')}
          onCancel={() => setAdding(false)}
          onSave={(fields) => {
            store.add(fields, m.me)
            setAdding(false)
          }}
        />
      </Dialog>
      <Dialog id="hdeel-edit" open={editing() !== null} onClose={() => setEditing(null)} title={tOpp('hdeel.editTitle')}>
        <Show when={editing()} keyed>
          {(x) => (
            <MeasureForm
              model={m}
              initial={x}
              submitLabel={tPlan('common.save')}
              onCancel={() => setEditing(null)}
              onSave={(fields) => {
                store.update(x.id, fields)
                setEditing(null)
              }}
            />
          )}
        </Show>
      </Dialog>
    </div>
  )
}

function MeasureLine(props: { model: SectionsModel; measure: Measure; onEdit: () => void; onRemove: () => void }) {
  const x = () => props.measure
  const text = () => (x().area ? tOpp('hdeel.areaLine', { area: x().area, what: x().text }) : x().text)
  return (
    <li>
      <span>{text()}</span>
      <Show when={x().goalId}>
        <span class="muted"> — {tOpp('hdeel.goalLine', { what: props.model.goalTitle(x().goalId) })}</span>
      </Show>
      <Show when={props.model.canEdit()}>
        {' '}
        <button
          type="button"
          class="button button--secondary button--small"
          aria-haspopup="dialog"
          aria-label={tOpp('hdeel.edit', { what: x().text })}
          onClick={() => props.onEdit()}
        >
          {tPlan('common.edit')}
        </button>{' '}
        <button
          type="button"
          class="button button--secondary button--small"
          aria-label={tOpp('hdeel.remove', { what: x().text })}
          onClick={() => props.onRemove()}
        >
          {tPlan('common.remove')}
        </button>
      </Show>
    </li>
  )
}

function MeasureForm(props: {
  model: SectionsModel
  initial?: Measure
  submitLabel: string
  onSave: (fields: { kind: MeasureKind; text: string; area: string; goalId: string }) => void
  onCancel: () => void
}) {
  const [kind, setKind] = createSignal<MeasureKind>(props.initial?.kind ?? 'ondersteuning')
  const [text, setText] = createSignal(props.initial?.text ?? '')
  const [area, setArea] = createSignal(props.initial?.area ?? '')
  const [goalId, setGoalId] = createSignal(props.initial?.goalId ?? '')
  const errors = createFormErrors()
  return (
    <form
      autocomplete="off"
      class="form"
      novalidate
      onSubmit={errors.submitting(['text', 'area', 'goalId'], () => props.onSave({ kind: kind(), text: text(), area: area(), goalId: goalId() }))}
    >
      <RadioGroup name="hdeel-kind" legend={tOpp('hdeel.kindLegend')} options={MEASURE_KINDS} value={kind()} onChange={setKind} label={kindLabel} />
      <TextField
        id="hdeel-text"
        label={tOpp('hdeel.text')}
        value={text()}
        onInput={setText}
        multiline
        rows={2}
        maxLength={LINE_MAX}
        error={errors.of('text')}
      />
      <TextField id="hdeel-area" label={tOpp('hdeel.area')} optional value={area()} onInput={setArea} maxLength={SHORT_TEXT_MAX} error={errors.of('area')} />
      <Field id="hdeel-goal" label={tOpp('hdeel.goal')} optional error={errors.of('goalId')}>
        <GoalSelect model={props.model} id="hdeel-goal" value={goalId()} onChange={setGoalId} emptyLabel={tOpp('hdeel.noGoal')} />
      </Field>
      <FormFooter error={errors.general()} submitLabel={props.submitLabel} onCancel={props.onCancel} />
    </form>
  )
}
