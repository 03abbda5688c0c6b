import type { PrepMessages } from './prep.nl'

export const prepEn: PrepMessages = {
  'prep.title': 'Preparation: meeting of {date}',
  'prep.intro': 'Write down briefly what you want to say. Everyone who can read this plan sees it. Only you can change your answers.',
  'prep.q.discuss': 'What do I want to discuss?',
  'prep.q.goes-well': 'What is going well?',
  'prep.q.worries': 'What am I worried about?',
  'prep.placeholder': 'Write here…',
  'prep.saved': 'What you write is saved straight away.',
  'prep.readOnly': 'You can only read this plan, so you cannot fill in a preparation.',
  'prep.others': 'What others have prepared',
  'prep.othersNone': 'Nobody else has prepared anything yet.',
  'prep.by': 'From {name}',
  'prep.someone': 'Someone',
  'prep.unknownMeeting': 'This meeting is not (or no longer) in the plan.',
  'prep.backToPlan': 'Back to the plan',
  'prep.region': 'The participants’ preparation',
  'prep.open': 'Prepare this meeting',
}
