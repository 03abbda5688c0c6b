/**
 * What the child chose and said beyond the voice's three fields: a face per topic and who helps,
 * shown with the child's voice and at the end of its form; for whoever may write the child's
 * voice, the way to the form.
 */
import { For, Show, createSignal, onCleanup } from 'solid-js'
import type { PlanSession } from '../../access/types'
import { CHILD_SCALE_TOPICS, createChildVoice } from '../../plan'
import { tChild } from '../i18n/childVoice'
import { ChildFace } from './ChildFace'
import './childVoice.css'

export function ChildVoiceSummary(props: { session: PlanSession; showOpen?: boolean }) {
  const child = createChildVoice(props.session.doc)
  const [answers, setAnswers] = createSignal(child.answers())
  // the faces and who helps are observed; the other texts are the voice's own fields
  onCleanup(child.observe(() => setAnswers(child.answers())))
  const faces = () => CHILD_SCALE_TOPICS.flatMap((topic) => (answers().scale[topic] ? [{ topic, value: answers().scale[topic]! }] : []))
  const helpers = () => answers().texts.helpers.trim()
  return (
    <div class="child-summary" data-testid="child-voice-summary">
      <Show when={props.showOpen}>
        <p>
          <a class="button button--secondary" href={`#/plan/${props.session.planId}/hoe-denk-jij`}>
            {tChild('childVoice.open')}
          </a>
        </p>
      </Show>
      <Show when={faces().length > 0 || helpers() !== ''}>
        <p class="field__label">{tChild('childVoice.summary')}</p>
        <ul class="child-summary__list">
          <For each={faces()}>
            {(f) => (
              <li class="child-summary__face">
                <ChildFace value={f.value} size={28} />
                <span>{tChild('childVoice.summaryScale', { topic: tChild(`childVoice.scale.${f.topic}`), face: tChild(`childVoice.face.${f.value}`) })}</span>
              </li>
            )}
          </For>
        </ul>
        <Show when={helpers()}>
          <p class="field__label">{tChild('childVoice.q.helpers')}</p>
          <p class="child-summary__helpers">{helpers()}</p>
        </Show>
      </Show>
    </div>
  )
}
