/**
 * "Hoe denk jij erover?": the child's own voice, asked in a child's words, one question at a time.
 *
 * It writes into the child's voice (`voices.kind.*`, P4: the youth, or a parent on its behalf),
 * never beside it: "Wat gaat goed op school?" is the voice's `krachten`, "Wat vind je moeilijk?"
 * its `zorgen`, "Wat wil je dat anders wordt?" its `vraag`; "Wie helpt jou?" a fourth text of the
 * same voice (`voices.kind.helpers`). The faces the child picks ("Hoe gaat het op school?") are a
 * root map of the same voice (`voices.kind.scale`, topic → 1..5), so P4 holds for them as for the
 * texts, with no rule of their own.
 */
import type * as Y from 'yjs'
import { PlanError } from './errors'
import { voiceTextName, type VoiceField } from './voices'

/** "Wie helpt jou?": a text of the child's voice the adult voices do not have. */
export const CHILD_HELPERS_NAME = 'voices.kind.helpers'
/** The faces, topic → 1 (heel slecht) .. 5 (heel goed). */
export const CHILD_SCALE_NAME = 'voices.kind.scale'

/** What the faces are asked about, in the form's order. */
export const CHILD_SCALE_TOPICS = ['school', 'home', 'friends'] as const
export type ChildScaleTopic = (typeof CHILD_SCALE_TOPICS)[number]

/** Five faces, from sad to happy; 3 is "gaat wel". */
export const CHILD_SCALE_VALUES = [1, 2, 3, 4, 5] as const
export type ChildScaleValue = (typeof CHILD_SCALE_VALUES)[number]

/** The open questions, in the form's order. */
export const CHILD_QUESTIONS = ['goes-well', 'hard', 'change', 'helpers'] as const
export type ChildQuestion = (typeof CHILD_QUESTIONS)[number]

/** Where each open question is kept: three are the voice's own fields, so the voices section shows them. */
const VOICE_FIELD_OF: Record<Exclude<ChildQuestion, 'helpers'>, VoiceField> = {
  'goes-well': 'krachten',
  hard: 'zorgen',
  change: 'vraag',
}

export function childQuestionTextName(question: ChildQuestion): string {
  return question === 'helpers' ? CHILD_HELPERS_NAME : voiceTextName('kind', VOICE_FIELD_OF[question])
}

/** One step of the form: a row of faces, or an open question. */
export type ChildStep = { kind: 'scale'; topic: ChildScaleTopic } | { kind: 'question'; question: ChildQuestion }

/** The form, one step a screen: the faces first (easy to start with), then the open questions. */
export const CHILD_STEPS: readonly ChildStep[] = [
  ...CHILD_SCALE_TOPICS.map((topic): ChildStep => ({ kind: 'scale', topic })),
  ...CHILD_QUESTIONS.map((question): ChildStep => ({ kind: 'question', question })),
]

export interface ChildVoiceAnswers {
  scale: Partial<Record<ChildScaleTopic, ChildScaleValue>>
  texts: Record<ChildQuestion, string>
}

export interface ChildVoiceAccessor {
  /** the text of an open question, for an editor binding (three are the child's voice fields) */
  text(question: ChildQuestion): Y.Text
  /** the face picked for a topic; null when none (or something a newer client wrote) */
  scale(topic: ChildScaleTopic): ChildScaleValue | null
  /** picks a face, or clears it with null */
  setScale(topic: ChildScaleTopic, value: ChildScaleValue | null): void
  /** everything answered, as plain values */
  answers(): ChildVoiceAnswers
  /** fires on any change to the faces or the helpers' text */
  observe(listener: () => void): () => void
}

function isScaleValue(v: unknown): v is ChildScaleValue {
  return typeof v === 'number' && (CHILD_SCALE_VALUES as readonly number[]).includes(v)
}

export function createChildVoice(doc: Y.Doc): ChildVoiceAccessor {
  const scaleMap = () => doc.getMap<unknown>(CHILD_SCALE_NAME)
  const text = (question: ChildQuestion): Y.Text => {
    if (!CHILD_QUESTIONS.includes(question)) throw new PlanError('invalid-value', 'question', `unknown question ${String(question)}`)
    return doc.getText(childQuestionTextName(question))
  }
  const scale = (topic: ChildScaleTopic): ChildScaleValue | null => {
    const v = scaleMap().get(topic)
    return isScaleValue(v) ? v : null
  }
  return {
    text,
    scale,
    setScale(topic, value) {
      if (!CHILD_SCALE_TOPICS.includes(topic)) throw new PlanError('invalid-value', 'topic', `unknown topic ${String(topic)}`)
      if (value !== null && !isScaleValue(value)) throw new PlanError('invalid-value', 'scale', 'a face is 1 to 5')
      const map = scaleMap()
      if (value === null) {
        if (map.has(topic)) map.delete(topic)
      } else if (map.get(topic) !== value) map.set(topic, value)
    },
    answers() {
      const scaleOut: ChildVoiceAnswers['scale'] = {}
      for (const topic of CHILD_SCALE_TOPICS) {
        const v = scale(topic)
        if (v !== null) scaleOut[topic] = v
      }
      const texts = {} as Record<ChildQuestion, string>
      for (const q of CHILD_QUESTIONS) texts[q] = text(q).toString()
      return { scale: scaleOut, texts }
    },
    observe(listener) {
      const map = scaleMap()
      const helpers = text('helpers')
      const onChange = () => listener()
      map.observe(onChange)
      helpers.observe(onChange)
      return () => {
        map.unobserve(onChange)
        helpers.unobserve(onChange)
      }
    },
  }
}
