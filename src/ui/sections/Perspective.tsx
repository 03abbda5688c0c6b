import { For, Show, createEffect, createSignal, onCleanup } from 'solid-js'
import { referencedFactors, UITSTROOM_BESTEMMINGEN, type Factor, type UitstroomBestemming } from '../../plan'
import { tPlan } from '../i18n/plan'
import { tOpp } from '../i18n/opp'
import { CollabEditor } from '../components/CollabEditor'
import { SelectField, TextField } from '../components/Field'
import { FormError } from '../components/FormFooter'
import { createFormErrors } from './formErrors'
import { HandelingsdeelPart } from './Handelingsdeel'
import { OppTalks } from './OppTalks'
import type { SectionsModel } from './model'
import './plansections.css'
import { SHORT_TEXT_MAX } from '../../plan/limits'

const BESTEMMING_OPTIONS = ['', ...UITSTROOM_BESTEMMINGEN] as const
type BestemmingOption = (typeof BESTEMMING_OPTIONS)[number]
const bestemmingLabel = (b: BestemmingOption) => (b === '' ? tOpp('bestemming.none') : tOpp(`bestemming.${b}`))

/**
 * Ontwikkelingsperspectief: the expected uitstroombestemming (one of a list) with a short
 * explanation beside it (saved when it is left), the factors of the matrix the onderbouwing rests
 * on (ticked, their text shown from the matrix), the onderbouwing as a shared text; then the
 * handelingsdeel and the talks with the parents.
 */
export function PerspectiveSection(props: { model: SectionsModel }) {
  const m = props.model
  const [draft, setDraft] = createSignal(m.uitstroom())
  const [focused, setFocused] = createSignal(false)
  const [saved, setSaved] = createSignal(false)
  const errors = createFormErrors()
  const [bestemming, setBestemming] = createSignal<BestemmingOption>(m.perspective.bestemming())
  const [factorIds, setFactorIds] = createSignal(m.perspective.factorIds())
  onCleanup(
    m.perspective.observe((s) => {
      setBestemming(s.bestemming)
      setFactorIds(s.factorIds)
    }),
  )
  // someone else's change shows at once, unless one is typing in the field oneself
  createEffect(() => {
    const remote = m.uitstroom()
    if (!focused()) setDraft(remote)
  })
  /**
   * Saves the field. Sent (Enter), a refused value takes the focus to its error like every form;
   * left (focus moving on), the error shows on the field without pulling the focus back to it.
   */
  const save = (form?: HTMLFormElement) => {
    errors.clear()
    try {
      if (draft().trim() !== m.uitstroom()) {
        m.perspective.setUitstroom(draft())
        setSaved(true)
      }
    } catch (err) {
      errors.fromError(err, ['uitstroom'], form)
    }
  }
  return (
    <section class="sp-section" id="sp-perspective" aria-labelledby="opp-title">
      <h2 id="opp-title" tabindex="-1">
        {tPlan('opp.title')}
      </h2>
      <p class="muted">{tPlan('opp.intro')}</p>
      <div class="card ps-opp">
        <Show
          when={m.canEdit()}
          fallback={
            <dl class="ps-summary">
              <div>
                <dt>{tPlan('opp.uitstroom')}</dt>
                <dd data-testid="opp-bestemming">{bestemming() ? bestemmingLabel(bestemming()) : tPlan('common.notSet')}</dd>
              </div>
              <div>
                <dt>{tOpp('uitstroom.label')}</dt>
                <dd>{m.uitstroom() || tPlan('common.notSet')}</dd>
              </div>
            </dl>
          }
        >
          <SelectField<BestemmingOption>
            id="opp-bestemming"
            label={tPlan('opp.uitstroom')}
            hint={tOpp('bestemming.hint')}
            options={BESTEMMING_OPTIONS}
            value={bestemming()}
            labelOf={bestemmingLabel}
            onChange={(v) => m.perspective.setBestemming(v as UitstroomBestemming | '')}
          />
          <form
            autocomplete="off"
            class="ps-inline-form"
            novalidate
            onSubmit={(e) => {
              e.preventDefault()
              save(e.currentTarget)
            }}
            onFocusIn={() => {
              setFocused(true)
              setSaved(false)
            }}
            onFocusOut={(e) => {
              // focus moving within the form (to its error) is not leaving it
              if (e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget)) return
              // save before the field follows the doc again, or the typed value would be replaced
              save()
              setFocused(false)
            }}
          >
            <TextField
              id="opp-uitstroom"
              maxLength={SHORT_TEXT_MAX}
              label={tOpp('uitstroom.label')}
              hint={tOpp('uitstroom.hint')}
              value={draft()}
              onInput={setDraft}
              error={errors.of('uitstroom')}
            />
            <FormError message={errors.general()} />
            <p class="sp-confirm" role="status">
              <Show when={saved()}>
                <span class="sp-confirm__text">{tPlan('common.saved')}</span>
              </Show>
            </p>
          </form>
        </Show>
        <FactorChoice model={m} chosen={factorIds()} />
        <CollabEditor
          id="opp-onderbouwing"
          text={m.perspective.text('onderbouwing')}
          awareness={m.awareness}
          readOnly={!m.canEdit()}
          label={tPlan('opp.onderbouwing')}
          placeholder={tPlan('opp.onderbouwingPlaceholder')}
          size="large"
        />
      </div>
      <HandelingsdeelPart model={m} />
      <OppTalks model={m} />
    </section>
  )
}

/**
 * The factors the onderbouwing rests on: an editor ticks them in the matrix's own words (helping
 * and hindering apart), everyone else reads the chosen ones. Nothing is typed twice.
 */
function FactorChoice(props: { model: SectionsModel; chosen: string[] }) {
  const m = props.model
  const shown = () => referencedFactors(props.chosen, m.factorList())
  const group = (kind: 'helpt' | 'belemmert') => m.factorList().filter((f) => f.kind === kind)
  const line = (f: Factor) => f.text
  return (
    <div class="ps-opp-factors">
      <Show
        when={m.canEdit()}
        fallback={
          <>
            <h3 class="sp-subtitle">{tOpp('factors.legend')}</h3>
            <Show when={props.chosen.length > 0} fallback={<p class="muted">{tOpp('factors.chosenNone')}</p>}>
              <For each={[['helpt', shown().bevorderend] as const, ['belemmert', shown().belemmerend] as const]}>
                {([kind, list]) => (
                  <Show when={list.length > 0}>
                    <h4 class="sp-subtitle">{kind === 'helpt' ? tOpp('factors.helps') : tOpp('factors.hinders')}</h4>
                    <ul class="sp-list" data-testid={`opp-factors-${kind}`}>
                      <For each={list}>{(f) => <li>{line(f)}</li>}</For>
                    </ul>
                  </Show>
                )}
              </For>
            </Show>
          </>
        }
      >
        <fieldset class="fieldset" aria-describedby="opp-factors-hint">
          <legend class="field__label">{tOpp('factors.legend')}</legend>
          <p class="field__hint" id="opp-factors-hint">
            {tOpp('factors.hint')}
          </p>
          <Show when={m.factorList().length > 0} fallback={<p class="muted">{tOpp('factors.none')}</p>}>
            <For each={['helpt', 'belemmert'] as const}>
              {(kind) => (
                <Show when={group(kind).length > 0}>
                  <p>
                    <strong>{kind === 'helpt' ? tOpp('factors.helps') : tOpp('factors.hinders')}</strong>
                  </p>
                  <For each={group(kind)}>
                    {(f) => (
                      <div class="sp-check">
                        <input
                          type="checkbox"
                          id={`opp-factor-${f.id}`}
                          checked={props.chosen.includes(f.id)}
                          onChange={(e) => m.perspective.setFactorReferenced(f.id, e.currentTarget.checked)}
                        />
                        <label for={`opp-factor-${f.id}`}>{line(f)}</label>
                      </div>
                    )}
                  </For>
                </Show>
              )}
            </For>
          </Show>
        </fieldset>
      </Show>
      <Show when={shown().removed > 0}>
        <p class="muted">{shown().removed === 1 ? tOpp('factors.removed.one') : tOpp('factors.removed', { n: shown().removed })}</p>
      </Show>
    </div>
  )
}
