import { For, Show, createSignal } from 'solid-js'
import { ROUTE_LEVELS, SCHOOL_SUPPORT_LEVELS, type CareLevel, type RouteLevel, type RouteStep, type SchoolSupportLevel } from '../../plan'
import { formatPlanDate, todayIso, tPlan } from '../i18n/plan'
import { tRequest } from '../i18n/request'
import { Dialog } from './Dialog'
import { SelectField, TextField } from '../components/Field'
import { FormFooter } from '../components/FormFooter'
import { createItemForm } from './itemForm'
import { careLabel, supportLabel } from './PlanStatus'
import { routePeriod } from './routePeriod'
import type { SectionsModel } from './model'
import './plansections.css'
import { LONG_TEXT_MAX, SHORT_TEXT_MAX } from '../../plan/limits'

const isSchoolLevel = (l: RouteLevel): l is SchoolSupportLevel => (SCHOOL_SUPPORT_LEVELS as readonly string[]).includes(l)
export const levelLabel = (l: RouteLevel) => (isSchoolLevel(l) ? supportLabel(l) : careLabel(l as CareLevel))

export function periodText(step: Pick<RouteStep, 'from' | 'to'>): string {
  const p = routePeriod(step)
  if (p.kind === 'closed') return tPlan('route.period', { from: formatPlanDate(p.from), to: formatPlanDate(p.to) })
  if (p.kind === 'open') return tPlan('route.periodOpen', { from: formatPlanDate(p.from) })
  return tPlan('route.periodNone')
}

const ROUTE_FIELDS = ['level', 'provider', 'from', 'to', 'effect', 'whyNotEnough'] as const
type RouteValues = { level: RouteLevel; provider: string; from: string; to: string; effect: string; whyNotEnough: string }

function RouteForm(props: { model: SectionsModel; id?: string; onDone: () => void }) {
  const m = props.model
  const existing = props.id ? m.routeStep(props.id) : undefined
  const initial: RouteValues = existing
    ? { level: existing.level, provider: existing.provider, from: existing.from, to: existing.to, effect: existing.effect, whyNotEnough: existing.whyNotEnough }
    : { level: 'extra ondersteuning', provider: '', from: todayIso(), to: '', effect: '', whyNotEnough: '' }
  const {
    values: v,
    set,
    errors,
    submit,
    remove,
  } = createItemForm({
    writes: m.route,
    id: props.id,
    initial,
    fields: ROUTE_FIELDS,
    me: m.me,
    onDone: props.onDone,
  })
  return (
    <form autocomplete="off" class="form" onSubmit={submit} novalidate>
      <SelectField
        id="route-form-level"
        label={tPlan('route.level')}
        options={ROUTE_LEVELS}
        value={v().level}
        onChange={set('level')}
        labelOf={levelLabel}
        error={errors.of('level')}
      />
      <TextField
        id="route-form-provider"
        maxLength={SHORT_TEXT_MAX}
        label={tPlan('route.provider')}
        hint={tPlan('route.providerHint')}
        value={v().provider}
        onInput={set('provider')}
        error={errors.of('provider')}
      />
      <div class="sp-row">
        <TextField id="route-form-from" type="date" label={tPlan('route.from')} value={v().from} onInput={set('from')} error={errors.of('from')} />
        <TextField
          id="route-form-to"
          type="date"
          label={tPlan('route.to')}
          hint={tPlan('route.toHint')}
          value={v().to}
          onInput={set('to')}
          optional
          error={errors.of('to')}
        />
      </div>
      <TextField
        id="route-form-effect"
        maxLength={LONG_TEXT_MAX}
        label={tPlan('route.effect')}
        hint={tPlan('route.effectHint')}
        value={v().effect}
        onInput={set('effect')}
        multiline
        optional
        error={errors.of('effect')}
      />
      <TextField
        id="route-form-why"
        maxLength={LONG_TEXT_MAX}
        label={tRequest('req.route.why')}
        hint={tRequest('req.route.whyHint')}
        value={v().whyNotEnough}
        onInput={set('whyNotEnough')}
        multiline
        optional
        error={errors.of('whyNotEnough')}
      />
      <FormFooter error={errors.general()} submitLabel={props.id ? tPlan('common.save') : tPlan('route.add')} onCancel={props.onDone} onRemove={remove} />
    </form>
  )
}

/** Ingezette hulp: what was tried, oldest first, so the route reads as a story for the gemeente. */
export function RouteSection(props: { model: SectionsModel }) {
  const m = props.model
  const [editing, setEditing] = createSignal<string | null>(null)
  const [adding, setAdding] = createSignal(false)
  return (
    <section class="sp-section" id="sp-route" aria-labelledby="route-title">
      <div class="section-head">
        <h2 id="route-title" tabindex="-1">
          {tPlan('route.title')}
        </h2>
        <Show when={m.canEdit()}>
          <button type="button" class="button" aria-haspopup="dialog" onClick={() => setAdding(true)}>
            {tPlan('route.add')}
          </button>
        </Show>
      </div>
      <p class="muted">{tPlan('route.intro')}</p>
      <Show when={m.routeIds().length > 0} fallback={<p class="empty">{tPlan('route.empty')}</p>}>
        <ol class="sp-list ps-route" aria-labelledby="route-title">
          <For each={m.routeIds()}>
            {(id) => (
              <Show when={m.routeStep(id)}>
                {(s) => (
                  <li class="sp-item ps-step" classList={{ 'ps-step--open': !s().to }} data-route-id={id}>
                    <div class="sp-item__head">
                      <h3 class="sp-item__title">{s().provider}</h3>
                      <span class="sp-badge">{levelLabel(s().level)}</span>
                    </div>
                    <p class="sp-item__meta">
                      <span class="sp-item__date">{periodText(s())}</span>
                    </p>
                    <Show when={s().effect}>
                      <p class="sp-item__text">{tPlan('route.effectLine', { effect: s().effect })}</p>
                    </Show>
                    <Show when={s().whyNotEnough}>
                      <p class="sp-item__text">{tRequest('req.route.whyLine', { why: s().whyNotEnough })}</p>
                    </Show>
                    <Show when={m.canEdit()}>
                      <button
                        type="button"
                        class="button button--secondary button--small"
                        aria-haspopup="dialog"
                        aria-label={tPlan('route.editOf', { provider: s().provider })}
                        onClick={() => setEditing(id)}
                      >
                        {tPlan('common.edit')}
                      </button>
                    </Show>
                  </li>
                )}
              </Show>
            )}
          </For>
        </ol>
      </Show>
      <Dialog id="route-edit" open={editing() !== null} onClose={() => setEditing(null)} title={tPlan('route.editTitle')}>
        <RouteForm model={m} id={editing() ?? undefined} onDone={() => setEditing(null)} />
      </Dialog>
      <Dialog id="route-add" open={adding()} onClose={() => setAdding(false)} title={tPlan('route.addTitle')}>
        <RouteForm model={m} onDone={() => setAdding(false)} />
      </Dialog>
    </section>
  )
}
