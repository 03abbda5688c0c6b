/**
 * Dutch strings for finding your way in a plan (the section menu) and for "Voor jou" (what is
 * asked of you now, on the plan and on the home screen), with the plain explanation of each
 * choice in a decision. Every key here must exist in nav.en.ts (the type enforces it).
 * Placeholders: {org}, {what}, {when}, {date}, {name}, {n}.
 */
export const navNl = {
  'nav.label': 'Onderdelen van het plan',
  'nav.toggle': 'Naar onderdeel',
  'nav.section.status': 'Planstatus',
  'nav.section.gegevens': 'Basisgegevens',
  'nav.section.contacten': 'Contacten',
  'nav.section.stemmen': 'Stemmen',
  'nav.section.factoren': 'Factoren',
  'nav.section.behoeften': 'Behoeften',
  'nav.section.perspectief': 'Perspectief (OPP)',
  'nav.section.doelen': 'Doelen',
  'nav.section.afspraken': 'Afspraken',
  'nav.section.hulp': 'Ingezette hulp',
  'nav.section.observaties': 'Observaties',
  'nav.section.overleggen': 'Overleggen',
  'nav.section.betrokkenen': 'Betrokkenen',
  'nav.section.toestemmingen': 'Toestemmingen',
  'nav.section.activiteit': 'Activiteit',
  'tools.toggle': 'Zoeken en wie er is',
  'forYou.title': 'Voor jou',
  'forYou.none': 'Er wacht nu niets op jou in dit plan.',
  'forYou.homeNone': 'Er wacht nu niets op jou.',
  'forYou.plan': 'Plan van {name}',
  'forYou.consent': 'Beslis over delen met {org}: toestemming geven of weigeren',
  'forYou.instemming': 'Lees de afspraken en geef je instemming',
  'forYou.instemmingAgain': 'De afspraken zijn veranderd: lees ze en stem opnieuw in',
  'forYou.verslag': 'Keur het verslag van het overleg van {date} goed',
  'forYou.prepare': 'Bereid het overleg van {date} voor',
  'forYou.afspraak': 'Jouw afspraak: {what}',
  'forYou.afspraakWhen': 'Jouw afspraak: {what} ({when})',
  'decide.give.means': 'Je schrijft hieronder op waarvoor en tot wanneer. Mensen van {org} kunnen dan in het plan blijven werken. Je kunt dit later intrekken.',
  'decide.refuse.means': 'Mensen van {org} kunnen het plan daarna niet meer openen. Je ziet eerst wat er precies gebeurt, en kiest dan.',
} as const

export type NavKey = keyof typeof navNl
export type NavMessages = Record<NavKey, string>
