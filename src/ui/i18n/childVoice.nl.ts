/**
 * Dutch strings for the child's own form, "Hoe denk jij erover?": words a child of 8 knows,
 * short sentences, one question a screen. Every key here must exist in childVoice.en.ts (the type
 * enforces it). Placeholders: {n}, {total}, {topic}, {face}.
 */
export const childVoiceNl = {
  'childVoice.title': 'Hoe denk jij erover?',
  'childVoice.intro': 'Een paar vragen over school en thuis. Er zijn geen foute antwoorden. Je mag een vraag ook overslaan.',
  'childVoice.forParent': 'Vul je dit samen met je kind in? Schrijf op wat je kind zegt, met de woorden van je kind.',
  'childVoice.step': 'Vraag {n} van {total}',
  'childVoice.scale.school': 'Hoe gaat het op school?',
  'childVoice.scale.home': 'Hoe gaat het thuis?',
  'childVoice.scale.friends': 'Hoe gaat het met je vrienden?',
  'childVoice.face.1': 'Heel slecht',
  'childVoice.face.2': 'Niet zo goed',
  'childVoice.face.3': 'Gaat wel',
  'childVoice.face.4': 'Goed',
  'childVoice.face.5': 'Heel goed',
  'childVoice.q.goes-well': 'Wat gaat goed op school?',
  'childVoice.q.hard': 'Wat vind je moeilijk?',
  'childVoice.q.change': 'Wat wil je dat anders wordt?',
  'childVoice.q.helpers': 'Wie helpt jou?',
  'childVoice.placeholder': 'Schrijf of vertel het hier…',
  'childVoice.previous': 'Vorige',
  'childVoice.next': 'Volgende',
  'childVoice.done': 'Klaar',
  'childVoice.thanks': 'Dank je wel! Je antwoorden staan nu in het plan, bij de stem van het kind.',
  'childVoice.again': 'Nog eens bekijken',
  'childVoice.backToPlan': 'Terug naar het plan',
  'childVoice.notYours': 'Deze vragen zijn voor het kind. Het kind vult ze in, of een ouder samen met het kind.',
  'childVoice.open': 'Hoe denk jij erover? Vragen voor het kind',
  'childVoice.summary': 'Wat het kind koos',
  'childVoice.summaryScale': '{topic}: {face}',
} as const

export type ChildVoiceKey = keyof typeof childVoiceNl
export type ChildVoiceMessages = Record<ChildVoiceKey, string>
