import { Show, createEffect, createSignal } from 'solid-js'
import { tPlan } from '../i18n/plan'
import { CollabEditor } from '../components/CollabEditor'
import { TextField } from '../components/Field'
import { FormError } from '../components/FormFooter'
import { createFormErrors } from './formErrors'
import type { SectionsModel } from './model'
import './plansections.css'
import { SHORT_TEXT_MAX } from '../../plan/limits'

/**
 * Ontwikkelingsperspectief: the expected uitstroom (a short field, saved when it is left) and its
 * onderbouwing and the afwijkingen van het programma as shared texts.
 */
export function PerspectiveSection(props: { model: SectionsModel }) {
  const m = props.model
  const [draft, setDraft] = createSignal(m.uitstroom())
  const [focused, setFocused] = createSignal(false)
  const [saved, setSaved] = createSignal(false)
  const errors = createFormErrors()
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
                <dd>{m.uitstroom() || tPlan('common.notSet')}</dd>
              </div>
            </dl>
          }
        >
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
              label={tPlan('opp.uitstroom')}
              hint={tPlan('opp.uitstroomHint')}
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
        <CollabEditor
          id="opp-onderbouwing"
          text={m.perspective.text('onderbouwing')}
          awareness={m.awareness}
          readOnly={!m.canEdit()}
          label={tPlan('opp.onderbouwing')}
          placeholder={tPlan('opp.onderbouwingPlaceholder')}
          size="large"
        />
        <CollabEditor
          id="opp-afwijkingen"
          text={m.perspective.text('afwijkingen')}
          awareness={m.awareness}
          readOnly={!m.canEdit()}
          label={tPlan('opp.afwijkingen')}
          placeholder={tPlan('opp.afwijkingenPlaceholder')}
          size="small"
        />
      </div>
    </section>
  )
}
