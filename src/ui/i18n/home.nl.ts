/**
 * Dutch strings of the first run (Welcome) and the home screen (the plans on this device, each
 * plan card's summary). Part of the app shell's translator `t` (./index). Every key here must
 * exist in home.en.ts (the type enforces it). Placeholders: {name}, {school}, {date}, {n}.
 */
export const homeNl = {
  'welcome.title': 'Welkom bij Samenplan',
  'welcome.intro': 'Ouders, school en zorg werken samen aan één plan voor een kind. Wat je schrijft, wordt versleuteld voordat het dit apparaat verlaat.',
  'welcome.nameLabel': 'Hoe heet je?',
  'welcome.nameHint': 'Zo zien de anderen in het plan wie er schrijft, bijvoorbeeld "Fatima (moeder)" of "Meester Joost".',
  'welcome.submit': 'Verder',
  'welcome.nameRequired': 'Vul je naam in.',

  'home.title': 'Plannen op dit apparaat',
  'home.empty': 'Er staan nog geen plannen op dit apparaat. Maak een nieuw plan, of open de uitnodigingslink die je hebt gekregen.',
  'home.new': 'Nieuw plan',
  'home.childName': 'Naam van het kind',
  'home.childNameHint': 'Alleen de voornaam is genoeg.',
  'home.childNameRequired': 'Vul de naam van het kind in.',
  'home.create': 'Plan maken',
  'home.creating': 'Plan wordt gemaakt…',
  'home.cancel': 'Annuleren',
  'home.untitled': 'Plan zonder naam',
  'home.greeting': 'Hallo {name}',
  'home.planOf': 'Plan van {name}',
  'home.school': 'School: {school}',
  'home.nextMeeting': 'Volgend overleg: {date}',
  'home.noMeeting': 'Geen overleg gepland',
  'home.openActions': '{n} open afspraken',
  'home.openAction': '1 open afspraak',
  'home.noOpenActions': 'Geen open afspraken',
} as const

export type HomeKey = keyof typeof homeNl
export type HomeMessages = Record<HomeKey, string>
