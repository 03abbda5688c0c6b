/**
 * Plausible Dutch plan text for the benchmarks: sentences of the length and vocabulary a support
 * plan holds (observations, meeting notes, goals), from a seeded generator so every run writes
 * the same amount of text.
 */

export type Rng = (n: number) => number

/** A small linear congruential generator: deterministic, and fast enough for tens of thousands of picks. */
export function seededRng(seed: number): Rng {
  let s = seed >>> 0
  return (n: number) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0
    return (s >>> 8) % n
  }
}

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng(items.length)]!

const SUBJECTS = ['Sam', 'Hij', 'Ze', 'De leerkracht', 'Moeder', 'Vader', "De IB'er", 'De begeleider', 'Oma', 'Het team', 'De klas', 'Zijn zus']
const VERBS = ['merkt', 'ziet', 'vertelt', 'probeert', 'oefent', 'laat zien', 'geeft aan', 'heeft moeite met', 'werkt aan', 'vraagt om']
const OBJECTS = [
  'dat het rekenen beter gaat als er een stappenplan op tafel ligt',
  'dat de overgang van de pauze naar de les lastig blijft',
  'een rustig plekje achter in de klas',
  'het lezen van langere teksten met een liniaal',
  'dat hij na een slechte nacht sneller boos wordt',
  'om hulp te vragen voordat het misgaat',
  'de afspraken van de dagplanning',
  'dat samen spelen op het plein steeds beter lukt',
  'een time-out kaartje, en gebruikt het twee keer',
  'het huiswerk in kleine stukjes, met een wekker erbij',
  'dat de koptelefoon helpt bij zelfstandig werken',
  'dat zwemles op woensdag veel energie kost',
  'trots zijn tekening aan de klas',
  'het gesprek met de schoolmaatschappelijk werker als prettig',
]
const TAILS = [
  '',
  '',
  ' vandaag',
  ' deze week',
  ' sinds de herfstvakantie',
  ' tijdens de rekenles',
  ' thuis aan tafel',
  ' bij de voetbaltraining',
  ' na de gymles',
  ' in de kleine kring',
]

/** One sentence of 8 to 25 words. */
export function sentence(rng: Rng): string {
  return `${pick(rng, SUBJECTS)} ${pick(rng, VERBS)} ${pick(rng, OBJECTS)}${pick(rng, TAILS)}.`
}

/** 1 to 3 sentences: what a parent or teacher writes as one observation. */
export function observationText(rng: Rng): string {
  const n = 1 + rng(3)
  return Array.from({ length: n }, () => sentence(rng)).join(' ')
}

const GOAL_STARTS = ['Sam kan', 'Sam vraagt', 'Sam werkt', 'Sam leest', 'Sam rekent', 'Sam speelt', 'Sam zegt', 'Sam maakt']
const GOAL_ENDS = [
  'binnen tien minuten zelfstandig aan een taak beginnen',
  'twee keer per dag uit zichzelf om hulp als hij vastloopt',
  'twintig minuten geconcentreerd met een koptelefoon op',
  'een tekst van AVI-niveau E5 met begrip',
  'sommen tot 100 met het stappenplan zonder fouten',
  'in de pauze samen met minstens één klasgenoot',
  'wat hij voelt voordat hij boos wordt',
  'zijn huiswerk af met een planner die hij zelf bijhoudt',
]

/** A SMART goal line, as it is said in a meeting. */
export function goalTitle(rng: Rng): string {
  return `${pick(rng, GOAL_STARTS)} ${pick(rng, GOAL_ENDS)}, gemeten over zes weken`
}

const ACTION_WHATS = [
  'Elke ochtend de dagplanning samen doornemen',
  'Koptelefoon en rustige werkplek aanbieden bij zelfstandig werken',
  'Wekelijks kort contact tussen ouders en leerkracht via de app',
  'Time-out kaartje gebruiken en na afloop kort bespreken',
  'Stappenplan rekenen op tafel plakken',
  'Huiswerk in drie blokken van tien minuten',
  'Gesprek met de jeugdconsulent over een indicatie',
  'Sociale vaardigheidstraining op dinsdagmiddag',
]

export function actionWhat(rng: Rng): string {
  return pick(rng, ACTION_WHATS)
}

export const WHENS = ['elke maandag', 'dagelijks', 'tot de kerstvakantie', 'twee keer per week', 'bij elke toets', 'voor het volgende overleg']

/** Words for live meeting notes: typed in phrases, so the text is made of whole sentences. */
export function noteWords(rng: Rng, words: number): string[] {
  const out: string[] = []
  while (out.length < words) out.push(...`- ${sentence(rng)}\n`.split(' '))
  return out.slice(0, words)
}
