import { For, Show, createSignal, onCleanup } from 'solid-js'
import { NEED_HOLDERS, createNeedLines } from '../../plan'
import { FromMeetingLink } from './FromMeeting'
import { tPlan } from '../i18n/plan'
import { CollabEditor } from '../components/CollabEditor'
import type { SectionsModel } from './model'
import './plansections.css'

/** Onderwijs- en ondersteuningsbehoeften: three shared texts, for the child, the teacher and the parents. */
export function NeedsSection(props: { model: SectionsModel }) {
  const m = props.model
  // lines of meeting notes that became a need, each with its link back (src/plan/needLines.ts)
  const needLines = createNeedLines(m.doc)
  const [lines, setLines] = createSignal(needLines.list())
  onCleanup(needLines.observe(setLines))
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
              <Show when={lines().some((l) => l.holder === holder)}>
                <ul class="sp-list sp-need-lines">
                  <For each={lines().filter((l) => l.holder === holder)}>
                    {(l) => (
                      <li class="sp-item">
                        <p class="sp-item__text">{l.text}</p>
                        <FromMeetingLink model={m} meetingId={l.meetingId} />
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </div>
          )}
        </For>
      </div>
    </section>
  )
}
