/** The strings where a meeting meets its preparation, in the language the app shell chose: Dutch first, English second. */
import { createTranslator } from './translator'
import { meetingPrepEn } from './meetingPrep.en'
import { meetingPrepNl, type MeetingPrepKey } from './meetingPrep.nl'

export type { MeetingPrepKey }

export const tMeetingPrep = createTranslator(meetingPrepNl, meetingPrepEn)
