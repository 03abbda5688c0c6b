/**
 * A meeting with a method's strings (kinds, agenda items, roles, timer, lines into the plan,
 * templates, the verslag), in the language the app shell chose: Dutch first, English second.
 * The words of a kind of meeting and of an agenda item, whichever topic holds them, come from here.
 */
import type { AgendaItem, MeetingType } from '../../plan'
import { meetingEn } from './meeting.en'
import { meetingNl, type MeetingKey } from './meeting.nl'
import { tPlan } from './plan'
import { createTranslator } from './translator'

export type { MeetingKey }

export const tMeeting = createTranslator(meetingNl, meetingEn)

/** The kinds the plan topic already names (from before templates); the others are this topic's. */
const PLAN_TOPIC_TYPES = ['Kans!overleg', 'MDO', 'OT', 'evaluatie'] as const
const LEGACY_ITEM_IDS = ['zorgen', 'krachten', 'doelen', 'afspraken', 'regie', 'volgende datum'] as const

export function meetingTypeLabel(type: MeetingType): string {
  const old = PLAN_TOPIC_TYPES.find((t) => t === type)
  return old ? tPlan(`meetings.type.${old}`) : tMeeting(`meeting.type.${type as Exclude<MeetingType, (typeof PLAN_TOPIC_TYPES)[number]>}`)
}

/**
 * An agenda item's title: its own (an admin's item), the old wording for an item of a meeting from
 * before templates (so it reads as it did), else the words of its kind.
 */
export function agendaItemTitle(item: Pick<AgendaItem, 'id' | 'kind' | 'title'>, legacy = false): string {
  if (item.title) return item.title
  const old = legacy ? LEGACY_ITEM_IDS.find((id) => id === item.id) : undefined
  return old ? tPlan(`meetings.item.${old}`) : tMeeting(`meeting.kind.${item.kind}`)
}
