import type { PlanViewMessages } from './planView.nl'

/** English strings of the plan view's frame, who is here now, and the voices section. */
export const planViewEn: PlanViewMessages = {
  'plan.loading': 'Opening plan…',
  'plan.notFound': 'This plan is not on this device.',
  'plan.openFailed': 'The plan could not be opened.',
  'plan.readOnly': 'You can read this plan but not change it.',
  'plan.newerSchema': 'This plan was made with a newer version of Samenplan. Reload the app to edit it.',
  'plan.childFallback': 'this child',
  'plan.title': "{name}'s plan",
  'plan.back': 'Back to my plans',

  'voices.title': 'Voice of the child, parents, school and care',
  'voices.intro': 'Everyone says in their own words what worries them, what goes well and what the question is.',
  'voices.kind': 'Child',
  'voices.ouders': 'Parents',
  'voices.school': 'School',
  'voices.zorg': 'Care',
  'voices.zorgen': 'Worries',
  'voices.krachten': 'Strengths',
  'voices.vraag': 'Question',
  'voices.fieldLabel': '{field} – {perspective}',
  'voices.placeholder': 'Write here…',
  'voices.editorLoading': 'Loading text field…',
  'voices.editorFailed': 'This text field could not load. Reload the page; what is already there is kept.',

  'presence.title': 'In this plan now',
  'presence.you': '{name} (you)',
  'presence.alone': 'Only you',
}
