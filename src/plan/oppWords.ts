/**
 * The OPP's words for generated documents (the print view), Dutch first, English second: the
 * uitstroombestemmingen, the kinds of the handelingsdeel and of the talks with the parents, and the
 * few labels the OPP's part of a document needs. Like documentText.ts: plain tables, no UI.
 */
import type { DocumentLang } from './documentText'
import type { MeasureKind } from './handelingsdeel'
import type { OppConversationKind } from './oppConversations'
import type { UitstroomBestemming } from './perspective'

export const BESTEMMING_WORDS: Record<DocumentLang, Record<UitstroomBestemming, string>> = {
  nl: {
    praktijkonderwijs: 'Praktijkonderwijs',
    'vmbo-b': 'Vmbo basis',
    'vmbo-k': 'Vmbo kader',
    'vmbo-gt': 'Vmbo gemengd of theoretisch',
    havo: 'Havo',
    vwo: 'Vwo',
    'vso-arbeidsmarkt': 'Vso, richting werk',
    'vso-dagbesteding': 'Vso, richting dagbesteding',
    'vervolgonderwijs-anders': 'Vervolgonderwijs of anders',
  },
  en: {
    praktijkonderwijs: 'Practical education (praktijkonderwijs)',
    'vmbo-b': 'Vmbo basic',
    'vmbo-k': 'Vmbo kader',
    'vmbo-gt': 'Vmbo mixed or theoretical',
    havo: 'Havo',
    vwo: 'Vwo',
    'vso-arbeidsmarkt': 'Special secondary, towards work',
    'vso-dagbesteding': 'Special secondary, towards day activities',
    'vervolgonderwijs-anders': 'Further education or other',
  },
}

export const MEASURE_KIND_WORDS: Record<DocumentLang, Record<MeasureKind, string>> = {
  nl: { ondersteuning: 'Ondersteuning', begeleiding: 'Begeleiding', 'extra-hulp': 'Extra hulp', afwijking: 'Afwijkingen van het programma' },
  en: { ondersteuning: 'Support', begeleiding: 'Guidance', 'extra-hulp': 'Extra help', afwijking: 'Deviations from the programme' },
}

export const TALK_KIND_WORDS: Record<DocumentLang, Record<OppConversationKind, string>> = {
  nl: { oogo: 'Overleg met ouders (OOGO)', evaluatie: 'Jaarlijkse evaluatie met ouders' },
  en: { oogo: 'Consultation with parents (OOGO)', evaluatie: 'Yearly evaluation with parents' },
}

export const OPP_LABELS: Record<
  DocumentLang,
  {
    explanation: string
    basedOn: string
    helps: string
    hinders: string
    handelingsdeel: string
    goal: string
    talks: string
    present: string
    instemming: string
    vaststelling: string
    notSet: string
    disagreed: (name: string, date: string, reason: string) => string
    agreed: (name: string, date: string) => string
    set: (name: string, date: string, overDisagreement: boolean, current: boolean) => string
    dispute: string
  }
> = {
  nl: {
    explanation: 'Uitleg bij de uitstroom',
    basedOn: 'Waarop dit is gebaseerd',
    helps: 'Dit helpt',
    hinders: 'Dit maakt het moeilijk',
    handelingsdeel: 'Handelingsdeel',
    goal: 'tussendoel',
    talks: 'Gesprekken met ouders over het OPP',
    present: 'Erbij',
    instemming: 'Instemming',
    vaststelling: 'Vaststelling',
    notSet: 'Nog niet vastgesteld.',
    disagreed: (name, date, reason) => `${name} is het niet eens (${date}): ${reason}`,
    agreed: (name, date) => `${name} stemde in op ${date}.`,
    set: (name, date, over, current) =>
      `Vastgesteld door ${name} op ${date}${over ? ', terwijl de ouders het niet eens waren' : ''}.${current ? '' : ' Daarna is het handelingsdeel veranderd.'}`,
    dispute:
      'Niet eens met het OPP? Praat eerst met de school. Kom je er samen niet uit, dan kun je naar de Geschillencommissie passend onderwijs (www.onderwijsgeschillen.nl).',
  },
  en: {
    explanation: 'About the destination',
    basedOn: 'What this is based on',
    helps: 'This helps',
    hinders: 'This makes it hard',
    handelingsdeel: 'Action part',
    goal: 'interim goal',
    talks: 'Talks with the parents about the OPP',
    present: 'Present',
    instemming: 'Agreement',
    vaststelling: 'Set by the school',
    notSet: 'Not set yet.',
    disagreed: (name, date, reason) => `${name} does not agree (${date}): ${reason}`,
    agreed: (name, date) => `${name} agreed on ${date}.`,
    set: (name, date, over, current) =>
      `Set by ${name} on ${date}${over ? ', while the parents did not agree' : ''}.${current ? '' : ' The action part changed after that.'}`,
    dispute:
      'Do not agree with the OPP? First talk with the school. If you cannot work it out together, you can go to the Geschillencommissie passend onderwijs (www.onderwijsgeschillen.nl).',
  },
}
