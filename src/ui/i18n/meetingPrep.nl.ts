/**
 * Dutch strings where a meeting meets its preparation: the parents' answers at the top of
 * "Wat gaat goed?" and "Zorgen" in meeting mode, and the link to prepare a meeting ahead from the
 * list of meetings. Every key here must exist in meetingPrep.en.ts (the type enforces it).
 * Placeholders: {name}.
 */
export const meetingPrepNl = {
  'meetingPrep.parentsWrote': 'Wat ouders vooraf schreven',
  'meetingPrep.prepare': 'Voorbereiden',
  'meetingPrep.prepareOf': 'Voorbereiden: {name}',
} as const

export type MeetingPrepKey = keyof typeof meetingPrepNl
export type MeetingPrepMessages = Record<MeetingPrepKey, string>
