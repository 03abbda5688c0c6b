import type { MeetingPrepMessages } from './meetingPrep.nl'

export const meetingPrepEn: MeetingPrepMessages = {
  'meetingPrep.parentsWrote': 'What the parents wrote beforehand',
  'meetingPrep.prepare': 'Prepare',
  'meetingPrep.prepareOf': 'Prepare: {name}',
}
