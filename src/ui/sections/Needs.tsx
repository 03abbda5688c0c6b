import { For } from 'solid-js'
import { NEED_HOLDERS } from '../../plan'
import { tPlan } from '../i18n/plan'
import { CollabEditor } from '../components/CollabEditor'
import type { SectionsModel } from './model'
import './plansections.css'

/** Onderwijs- en ondersteuningsbehoeften: three shared texts, for the child, the teacher and the parents. */
export function NeedsSection(props: { model: SectionsModel }) {
  const m = props.model
  return (
    <section class="sp-section" id="sp-needs" aria-labelledby="needs-title">
      <h2 id="needs-title" tabindex="-1">
        {tPlan('needs.title')}
      </h2>
      <p class="muted">{tPlan('needs.intro')}</p>
      <div class="ps-texts">
        <For each={NEED_HOLDERS}>
          {(holder) => (
            <div class="card ps-text-card">
              <CollabEditor
                id={`needs-${holder}`}
                text={m.needs.text(holder)}
                awareness={m.awareness}
                readOnly={!m.canEdit()}
                label={tPlan(`needs.${holder}` as const)}
                placeholder={tPlan('needs.placeholder')}
                size="small"
              />
            </div>
          )}
        </For>
      </div>
    </section>
  )
}
