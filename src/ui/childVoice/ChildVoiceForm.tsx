/**
 * "Hoe denk jij erover?": the child's own form, one question a screen, for a child of 8 with a
 * parent on a phone or a youth on its own device. First three rows of faces (a radio group each,
 * with a word under every face), then four open questions. Everything is written into the child's
 * voice as it is answered (src/plan/childVoice.ts): there is nothing to send at the end.
 */
import { For, Match, Show, Switch, createSignal, onCleanup } from 'solid-js'
import type { PlanSession } from '../../access/types'
import { CHILD_SCALE_VALUES, CHILD_STEPS, createChildVoice, type ChildScaleTopic, type ChildScaleValue } from '../../plan'
import { CollabEditor } from '../components/CollabEditor'
import { tChild } from '../i18n/childVoice'
import { ChildFace } from './ChildFace'
import { ChildVoiceSummary } from './ChildVoiceSummary'
import './childVoice.css'

export interface ChildVoiceFormProps {
  session: PlanSession
  /** whether this member may write the child's voice (P4: the youth, or a parent) and the plan at all */
  editable: () => boolean
  /** whether this member is a parent (the form then says how to fill it in together) */
  isParent: () => boolean
}

export function ChildVoiceForm(props: ChildVoiceFormProps) {
  const child = createChildVoice(props.session.doc)
  const total = CHILD_STEPS.length
  const [step, setStep] = createSignal(0)
  const [scaleTick, setScaleTick] = createSignal(0)
  onCleanup(child.observe(() => setScaleTick((n) => n + 1)))
  const picked = (topic: ChildScaleTopic) => {
    scaleTick()
    return child.scale(topic)
  }
  let stepLine: HTMLParagraphElement | undefined
  let thanks: HTMLParagraphElement | undefined
  const go = (next: number) => {
    setStep(next)
    // a screen reader hears where it is now; the next tab goes to the question
    queueMicrotask(() => (next < total ? stepLine : thanks)?.focus())
  }

  return (
    <section class="child-voice" aria-labelledby="child-title">
      <p>
        <a class="button button--secondary" href={`#/plan/${props.session.planId}`}>
          {tChild('childVoice.backToPlan')}
        </a>
      </p>
      <h2 id="child-title">{tChild('childVoice.title')}</h2>
      <Show when={props.editable()} fallback={<p class="notice notice--info">{tChild('childVoice.notYours')}</p>}>
        <Show
          when={step() < total}
          fallback={
            <div class="child-voice__done">
              <p class="child-voice__thanks" tabindex="-1" ref={thanks}>
                {tChild('childVoice.thanks')}
              </p>
              <ChildVoiceSummary session={props.session} />
              <div class="child-voice__nav">
                <button type="button" class="button button--secondary child-voice__button" onClick={() => go(0)}>
                  {tChild('childVoice.again')}
                </button>
                <a class="button child-voice__button" href={`#/plan/${props.session.planId}/stemmen`}>
                  {tChild('childVoice.backToPlan')}
                </a>
              </div>
            </div>
          }
        >
          <Show when={step() === 0}>
            <p>{tChild('childVoice.intro')}</p>
            <Show when={props.isParent()}>
              <p class="muted">{tChild('childVoice.forParent')}</p>
            </Show>
          </Show>
          <p class="child-voice__step" tabindex="-1" ref={stepLine}>
            {tChild('childVoice.step', { n: String(step() + 1), total: String(total) })}
          </p>
          <Show when={CHILD_STEPS[step()]} keyed>
            {(current) => (
              <Switch>
                <Match when={current.kind === 'scale' && current.topic} keyed>
                  {(topic) => (
                    <div class="child-faces" role="radiogroup" aria-labelledby={`child-q-${topic}`}>
                      <p id={`child-q-${topic}`} class="child-voice__question">
                        {tChild(`childVoice.scale.${topic}`)}
                      </p>
                      <For each={CHILD_SCALE_VALUES}>
                        {(value: ChildScaleValue) => (
                          <label class="child-face">
                            <input
                              class="child-face__input"
                              type="radio"
                              name={`child-scale-${topic}`}
                              value={value}
                              checked={picked(topic) === value}
                              onChange={() => child.setScale(topic, value)}
                            />
                            <span class="child-face__tile">
                              <ChildFace value={value} />
                              <span class="child-face__label">{tChild(`childVoice.face.${value}`)}</span>
                            </span>
                          </label>
                        )}
                      </For>
                    </div>
                  )}
                </Match>
                <Match when={current.kind === 'question' && current.question} keyed>
                  {(question) => (
                    <div class="child-voice__text">
                      <CollabEditor
                        id={`child-${question}`}
                        text={child.text(question)}
                        awareness={props.session.awareness}
                        readOnly={false}
                        label={tChild(`childVoice.q.${question}`)}
                        placeholder={tChild('childVoice.placeholder')}
                        size="large"
                      />
                    </div>
                  )}
                </Match>
              </Switch>
            )}
          </Show>
          <div class="child-voice__nav">
            <Show when={step() > 0}>
              <button type="button" class="button button--secondary child-voice__button" onClick={() => go(step() - 1)}>
                {tChild('childVoice.previous')}
              </button>
            </Show>
            <button type="button" class="button child-voice__button" onClick={() => go(step() + 1)}>
              {step() === total - 1 ? tChild('childVoice.done') : tChild('childVoice.next')}
            </button>
          </div>
        </Show>
      </Show>
    </section>
  )
}
