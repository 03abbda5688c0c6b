import { For, Show, createMemo, createSignal, type Accessor } from 'solid-js'
import { FromMeetingLink } from './FromMeeting'
import { FACTOR_DOMAINS, FACTOR_KINDS, type FactorDomain, type FactorKind } from '../../plan'
import { formatPlanDate, todayIso, tPlan } from '../i18n/plan'
import { Dialog } from './Dialog'
import { MemberSelect, RadioGroup } from './fields'
import { Field, SelectField, TextField } from '../components/Field'
import { FormFooter } from '../components/FormFooter'
import { createItemForm } from './itemForm'
import { factorRows } from './factorCells'
import { sameIds, type SectionsModel } from './model'
import './plansections.css'
import { LONG_TEXT_MAX, SHORT_TEXT_MAX } from '../../plan/limits'

export const domainLabel = (d: FactorDomain) => tPlan(`factors.domain.${d}` as const)
export const kindLabel = (k: FactorKind) => tPlan(`factors.kind.${k}` as const)

const FACTOR_FIELDS = ['domain', 'kind', 'text', 'source', 'sourceKey', 'date'] as const
type FactorValues = { domain: FactorDomain; kind: FactorKind; text: string; source: string; sourceKey: string; date: string }

/** Editing one of the matrix's entries, or adding one to a cell. */
function FactorForm(props: { model: SectionsModel; id?: string; domain: FactorDomain; kind: FactorKind; onDone: () => void }) {
  const m = props.model
  const existing = props.id ? m.factor(props.id) : undefined
  const initial: FactorValues = existing
    ? { domain: existing.domain, kind: existing.kind, text: existing.text, source: existing.source, sourceKey: existing.sourceKey, date: existing.date }
    : { domain: props.domain, kind: props.kind, text: '', source: '', sourceKey: m.me, date: todayIso() }
  const {
    values: v,
    set,
    errors,
    submit,
    remove,
  } = createItemForm({
    writes: m.factors,
    id: props.id,
    initial,
    fields: FACTOR_FIELDS,
    me: m.me,
    onDone: props.onDone,
    // a member as source, or a source in words: never both
    toWrite: (values) => ({ ...values, source: values.sourceKey ? '' : values.source }),
  })
  return (
    <form autocomplete="off" class="form" onSubmit={submit} novalidate>
      <TextField
        id="factor-form-text"
        maxLength={LONG_TEXT_MAX}
        label={tPlan('factors.text')}
        hint={tPlan('factors.textHint')}
        value={v().text}
        onInput={set('text')}
        multiline
        error={errors.of('text')}
      />
      <div class="sp-row">
        <SelectField
          id="factor-form-domain"
          label={tPlan('factors.domain')}
          options={FACTOR_DOMAINS}
          value={v().domain}
          onChange={set('domain')}
          labelOf={domainLabel}
          error={errors.of('domain')}
        />
        <TextField id="factor-form-date" type="date" label={tPlan('factors.date')} value={v().date} onInput={set('date')} error={errors.of('date')} />
      </div>
      <RadioGroup
        name="factor-form-kind"
        legend={tPlan('factors.kind')}
        options={FACTOR_KINDS}
        value={v().kind}
        onChange={set('kind')}
        label={kindLabel}
        inline
      />
      <Field id="factor-form-source" label={tPlan('factors.source')}>
        <MemberSelect model={m} id="factor-form-source" value={v().sourceKey} onChange={set('sourceKey')} emptyLabel={tPlan('factors.sourceOther')} />
      </Field>
      <Show when={!v().sourceKey}>
        <TextField
          id="factor-form-source-text"
          maxLength={SHORT_TEXT_MAX}
          label={tPlan('factors.sourceOther')}
          hint={tPlan('factors.sourceOtherHint')}
          value={v().source}
          onInput={set('source')}
          optional
          error={errors.of('source')}
        />
      </Show>
      <FormFooter error={errors.general()} submitLabel={props.id ? tPlan('common.save') : tPlan('common.add')} onCancel={props.onDone} onRemove={remove} />
    </form>
  )
}

type Editing = { id?: string; domain: FactorDomain; kind: FactorKind }

function FactorCellView(props: { model: SectionsModel; domain: FactorDomain; kind: FactorKind; ids: Accessor<string[]>; onEdit: (e: Editing) => void }) {
  const m = props.model
  const cellId = `factors-${props.domain.replace(/\s+/g, '-')}-${props.kind}`
  const sourceOf = (id: string) => {
    const f = m.factor(id)
    if (!f) return ''
    return f.sourceKey ? m.nameOf(f.sourceKey) : f.source || tPlan('factors.noSource')
  }
  return (
    <div class={`ps-cell ps-cell--${props.kind}`} data-cell={`${props.domain}|${props.kind}`}>
      <h4 class="ps-cell__title" id={cellId}>
        <span class="ps-visually-hidden">{domainLabel(props.domain)}: </span>
        {kindLabel(props.kind)}
      </h4>
      <Show when={props.ids().length > 0} fallback={<p class="ps-cell__empty">{tPlan('factors.cellEmpty')}</p>}>
        <ul class="sp-list ps-cell__list" aria-labelledby={cellId}>
          <For each={props.ids()}>
            {(id) => (
              <Show when={m.factor(id)}>
                {(f) => (
                  <li class="ps-factor" data-factor-id={id}>
                    <p class="ps-factor__text">{f().text}</p>
                    <p class="ps-factor__meta">{tPlan('factors.meta', { source: sourceOf(id), date: f().date ? formatPlanDate(f().date) : '' })}</p>
                    <FromMeetingLink model={m} meetingId={f().meetingId} />
                    <Show when={m.canEdit()}>
                      <button
                        type="button"
                        class="button button--secondary button--small"
                        aria-haspopup="dialog"
                        aria-label={tPlan('factors.editOf', { text: f().text })}
                        onClick={() => props.onEdit({ id, domain: f().domain, kind: f().kind })}
                      >
                        {tPlan('common.edit')}
                      </button>
                    </Show>
                  </li>
                )}
              </Show>
            )}
          </For>
        </ul>
      </Show>
      <Show when={m.canEdit()}>
        <button
          type="button"
          class="button button--secondary button--small ps-cell__add"
          aria-haspopup="dialog"
          aria-label={tPlan('factors.addTo', { domain: domainLabel(props.domain), kind: kindLabel(props.kind) })}
          onClick={() => props.onEdit({ domain: props.domain, kind: props.kind })}
        >
          <span aria-hidden="true">+ </span>
          {tPlan('common.add')}
        </button>
      </Show>
    </div>
  )
}

/** The matrix: domain × helpt/belemmert; a row per domain on wide screens, stacked on a phone. */
export function FactorsSection(props: { model: SectionsModel }) {
  const m = props.model
  const [editing, setEditing] = createSignal<Editing | null>(null)
  const rows = createMemo(() => factorRows(m.factorList()))
  const cells = new Map<string, Accessor<string[]>>()
  for (const d of FACTOR_DOMAINS) {
    for (const k of FACTOR_KINDS) {
      cells.set(
        `${d}|${k}`,
        createMemo(
          () =>
            rows()
              .find((r) => r.domain === d)
              ?.cells.find((c) => c.kind === k)?.ids ?? [],
          [],
          { equals: sameIds },
        ),
      )
    }
  }
  const cellIds = (d: FactorDomain, k: FactorKind) => cells.get(`${d}|${k}`)!
  return (
    <section class="sp-section" id="sp-factors" aria-labelledby="factors-title">
      <h2 id="factors-title" tabindex="-1">
        {tPlan('factors.title')}
      </h2>
      <p class="muted">{tPlan('factors.intro')}</p>
      <div class="ps-matrix">
        <div class="ps-matrix__head" aria-hidden="true">
          <span />
          <For each={FACTOR_KINDS}>{(k) => <span class={`ps-matrix__col ps-matrix__col--${k}`}>{kindLabel(k)}</span>}</For>
        </div>
        {/* the grid is fixed; only each cell's ids follow the doc, so a change never remounts a cell (or loses focus) */}
        <For each={FACTOR_DOMAINS}>
          {(domain) => (
            <div class="ps-matrix__row" data-domain={domain}>
              <h3 class="ps-matrix__domain">{domainLabel(domain)}</h3>
              <For each={FACTOR_KINDS}>
                {(kind) => <FactorCellView model={m} domain={domain} kind={kind} ids={cellIds(domain, kind)} onEdit={setEditing} />}
              </For>
            </div>
          )}
        </For>
      </div>
      <Dialog
        id="factor-form"
        open={editing() !== null}
        onClose={() => setEditing(null)}
        title={editing()?.id ? tPlan('factors.editTitle') : tPlan('factors.addTitle')}
      >
        <FactorForm model={m} id={editing()?.id} domain={editing()?.domain ?? 'kind'} kind={editing()?.kind ?? 'helpt'} onDone={() => setEditing(null)} />
      </Dialog>
    </section>
  )
}
