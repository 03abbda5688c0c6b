import { Show, createSignal } from 'solid-js'
import { CARE_LEVELS, PLAN_STATUSES, SCHOOL_SUPPORT_LEVELS, type CareLevel, type PlanStatus, type SchoolSupportLevel } from '../../plan'
import { formatPlanDate, tPlan } from '../i18n/plan'
import { Dialog } from './Dialog'
import { MemberSelect } from './fields'
import { Field, SelectField, TextField } from '../components/Field'
import { FormFooter } from '../components/FormFooter'
import { createFormErrors } from './formErrors'
import { changedFields } from './formState'
import type { SectionsModel } from './model'
import './plansections.css'

export const statusLabel = (s: PlanStatus) => tPlan(`status.status.${s}` as const)
export const supportLabel = (s: SchoolSupportLevel) => tPlan(`status.support.${s}` as const)
export const careLabel = (s: CareLevel) => tPlan(`status.care.${s}` as const)

function StatusForm(props: { model: SectionsModel; onDone: () => void }) {
  const m = props.model
  const start = m.metaValue()
  const initial = {
    status: start.status,
    supportLevel: start.supportLevel,
    careLevel: start.careLevel,
    casusregisseur: start.casusregisseur,
    nextEvaluation: start.nextEvaluation,
  }
  const [status, setStatus] = createSignal<PlanStatus>(initial.status)
  const [support, setSupport] = createSignal<SchoolSupportLevel>(initial.supportLevel)
  const [care, setCare] = createSignal<CareLevel>(initial.careLevel)
  const [regisseur, setRegisseur] = createSignal(initial.casusregisseur)
  const [next, setNext] = createSignal(initial.nextEvaluation)
  const errors = createFormErrors()
  const submit = (e: SubmitEvent) => {
    e.preventDefault()
    errors.clear()
    try {
      // only what this form changed: a field someone else set meanwhile stays theirs
      m.meta.set(changedFields(initial, { status: status(), supportLevel: support(), careLevel: care(), casusregisseur: regisseur(), nextEvaluation: next() }))
      props.onDone()
    } catch (err) {
      errors.fromError(err, ['status', 'supportLevel', 'careLevel', 'casusregisseur', 'nextEvaluation'], e.currentTarget as HTMLFormElement)
    }
  }
  return (
    <form autocomplete="off" class="form" onSubmit={submit} novalidate>
      <SelectField
        id="status-status"
        label={tPlan('status.status')}
        options={PLAN_STATUSES}
        value={status()}
        onChange={setStatus}
        labelOf={statusLabel}
        error={errors.of('status')}
      />
      <div class="sp-row">
        <SelectField
          id="status-support"
          label={tPlan('status.supportLevel')}
          options={SCHOOL_SUPPORT_LEVELS}
          value={support()}
          onChange={setSupport}
          labelOf={supportLabel}
          error={errors.of('supportLevel')}
        />
        <SelectField
          id="status-care"
          label={tPlan('status.careLevel')}
          options={CARE_LEVELS}
          value={care()}
          onChange={setCare}
          labelOf={careLabel}
          error={errors.of('careLevel')}
        />
      </div>
      <div class="sp-row">
        <Field id="status-regisseur" label={tPlan('status.casusregisseur')} hint={tPlan('status.casusregisseurHint')}>
          <MemberSelect model={m} id="status-regisseur" value={regisseur()} onChange={setRegisseur} />
        </Field>
        <TextField
          id="status-next"
          type="date"
          label={tPlan('status.nextEvaluation')}
          value={next()}
          onInput={setNext}
          optional
          error={errors.of('nextEvaluation')}
        />
      </div>
      <FormFooter error={errors.general()} submitLabel={tPlan('common.save')} onCancel={props.onDone} />
    </form>
  )
}

/** Planstatus: a compact summary near the top of the plan; editors change it in a dialog. */
export function StatusSection(props: { model: SectionsModel }) {
  const m = props.model
  const [editing, setEditing] = createSignal(false)
  const meta = () => m.metaValue()
  return (
    <section class="sp-section ps-status card" id="sp-status" aria-labelledby="status-title">
      <div class="section-head">
        <h2 id="status-title" class="card__title" tabindex="-1">
          {tPlan('status.title')}
        </h2>
        <Show when={m.canEdit()}>
          <button type="button" class="button button--secondary button--small" aria-haspopup="dialog" onClick={() => setEditing(true)}>
            {tPlan('status.edit')}
          </button>
        </Show>
      </div>
      <dl class="ps-summary">
        <div>
          <dt>{tPlan('status.status')}</dt>
          <dd>
            <span class={`ps-status-badge ps-status-badge--${meta().status.replace(/\s+/g, '-')}`}>{statusLabel(meta().status)}</span>
          </dd>
        </div>
        <div>
          <dt>{tPlan('status.supportLevel')}</dt>
          <dd>{supportLabel(meta().supportLevel)}</dd>
        </div>
        <div>
          <dt>{tPlan('status.careLevel')}</dt>
          <dd>{careLabel(meta().careLevel)}</dd>
        </div>
        <div>
          <dt>{tPlan('status.casusregisseur')}</dt>
          <dd>{meta().casusregisseur ? m.nameOf(meta().casusregisseur) : tPlan('common.notSet')}</dd>
        </div>
        <div>
          <dt>{tPlan('status.nextEvaluation')}</dt>
          <dd>{meta().nextEvaluation ? formatPlanDate(meta().nextEvaluation) : tPlan('common.notSet')}</dd>
        </div>
      </dl>
      <Dialog id="status-edit" open={editing()} onClose={() => setEditing(false)} title={tPlan('status.editTitle')}>
        <StatusForm model={m} onDone={() => setEditing(false)} />
      </Dialog>
    </section>
  )
}
