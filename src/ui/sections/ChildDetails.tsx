import { Show, createSignal } from 'solid-js'
import { isIsoDate } from '../../plan'
import { formatPlanDate, tPlan } from '../i18n/plan'
import { Dialog } from './Dialog'
import { TextField } from '../components/Field'
import { FormFooter } from '../components/FormFooter'
import { createFormErrors } from './formErrors'
import { changedFields } from './formState'
import type { SectionsModel } from './model'
import './plansections.css'
import { NAME_MAX } from '../../plan/limits'

function ChildForm(props: { model: SectionsModel; onDone: () => void }) {
  const m = props.model
  const initial = { ...m.childValue() }
  const [name, setName] = createSignal(initial.name)
  const [dateOfBirth, setDateOfBirth] = createSignal(initial.dateOfBirth)
  const [school, setSchool] = createSignal(initial.school)
  const [group, setGroup] = createSignal(initial.group)
  const errors = createFormErrors()
  const submit = (e: SubmitEvent) => {
    e.preventDefault()
    errors.clear()
    // the child's name heads the plan: it may not become empty
    if (!name().trim()) return errors.set('name', tPlan('error.empty'), e.currentTarget as HTMLFormElement)
    if (dateOfBirth() && !isIsoDate(dateOfBirth())) return errors.set('dateOfBirth', tPlan('error.invalid-date'), e.currentTarget as HTMLFormElement)
    const patch = changedFields(initial, { name: name(), dateOfBirth: dateOfBirth(), school: school(), group: group() })
    try {
      m.child.set(Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v.trim()])))
      props.onDone()
    } catch (err) {
      errors.fromError(err, ['name', 'dateOfBirth', 'school', 'group'], e.currentTarget as HTMLFormElement)
    }
  }
  return (
    <form autocomplete="off" class="form" onSubmit={submit} novalidate>
      <p class="field__hint">{tPlan('child.intro')}</p>
      <TextField id="child-name" maxLength={NAME_MAX} label={tPlan('child.name')} value={name()} onInput={setName} error={errors.of('name')} />
      <TextField
        id="child-dob"
        type="date"
        label={tPlan('child.dateOfBirth')}
        value={dateOfBirth()}
        onInput={setDateOfBirth}
        optional
        error={errors.of('dateOfBirth')}
      />
      <div class="sp-row">
        <TextField
          id="child-school"
          maxLength={NAME_MAX}
          label={tPlan('child.school')}
          value={school()}
          onInput={setSchool}
          optional
          error={errors.of('school')}
        />
        <TextField
          id="child-group"
          maxLength={NAME_MAX}
          label={tPlan('child.group')}
          hint={tPlan('child.groupHint')}
          value={group()}
          onInput={setGroup}
          optional
          error={errors.of('group')}
        />
      </div>
      <FormFooter error={errors.general()} submitLabel={tPlan('common.save')} onCancel={props.onDone} />
    </form>
  )
}

/** Basisgegevens: name, date of birth, school and group, and nothing more (no BSN, no diagnoses). */
export function ChildSection(props: { model: SectionsModel }) {
  const m = props.model
  const [editing, setEditing] = createSignal(false)
  const c = () => m.childValue()
  const orNotSet = (v: string) => v.trim() || tPlan('common.notSet')
  return (
    <section class="sp-section ps-child card" id="sp-child" aria-labelledby="child-title">
      <div class="section-head">
        <h2 id="child-title" class="card__title" tabindex="-1">
          {tPlan('child.title')}
        </h2>
        <Show when={m.canEdit()}>
          <button type="button" class="button button--secondary button--small" aria-haspopup="dialog" onClick={() => setEditing(true)}>
            {tPlan('child.edit')}
          </button>
        </Show>
      </div>
      <p class="field__hint" id="child-hint">
        {tPlan('child.intro')}
      </p>
      <dl class="ps-summary">
        <div>
          <dt>{tPlan('child.name')}</dt>
          <dd>{orNotSet(c().name)}</dd>
        </div>
        <div>
          <dt>{tPlan('child.dateOfBirth')}</dt>
          <dd>{c().dateOfBirth ? formatPlanDate(c().dateOfBirth) : tPlan('common.notSet')}</dd>
        </div>
        <div>
          <dt>{tPlan('child.school')}</dt>
          <dd>{orNotSet(c().school)}</dd>
        </div>
        <div>
          <dt>{tPlan('child.group')}</dt>
          <dd>{orNotSet(c().group)}</dd>
        </div>
      </dl>
      <Dialog id="child-edit" open={editing()} onClose={() => setEditing(false)} title={tPlan('child.editTitle')}>
        <ChildForm model={m} onDone={() => setEditing(false)} />
      </Dialog>
    </section>
  )
}
