/**
 * Dutch strings for preparing a meeting ("Voorbereiding"): the form each participant fills in
 * before a meeting, and the answers shown to the others. Every key here must exist in
 * prep.en.ts (the type enforces it). Placeholders: {date}, {name}.
 */
export const prepNl = {
  'prep.title': 'Voorbereiding: overleg van {date}',
  'prep.intro': 'Schrijf kort op wat jij wilt zeggen. Iedereen die dit plan kan lezen, ziet het. Alleen jij kunt jouw antwoorden veranderen.',
  'prep.q.discuss': 'Wat wil ik bespreken?',
  'prep.q.goes-well': 'Wat gaat goed?',
  'prep.q.worries': 'Waar maak ik me zorgen over?',
  'prep.placeholder': 'Schrijf hier…',
  'prep.saved': 'Wat je schrijft, wordt meteen bewaard.',
  'prep.readOnly': 'Je kunt dit plan alleen lezen. Daarom kun je geen voorbereiding invullen.',
  'prep.others': 'Wat anderen hebben voorbereid',
  'prep.othersNone': 'Nog niemand anders heeft iets voorbereid.',
  'prep.by': 'Van {name}',
  'prep.someone': 'Iemand',
  'prep.unknownMeeting': 'Dit overleg staat niet (meer) in het plan.',
  'prep.backToPlan': 'Terug naar het plan',
  'prep.region': 'Voorbereiding van de deelnemers',
  'prep.open': 'Bereid dit overleg voor',
} as const

export type PrepKey = keyof typeof prepNl
export type PrepMessages = Record<PrepKey, string>
