/**
 * Dutch strings of the instemming (parents' agreement to the afspraken) and of what a contributor
 * may change. Every key here must exist in instemming.en.ts (the type enforces it).
 * Placeholders: {name}, {date}, {n}.
 */
export const instemmingNl = {
  'inst.title': 'Instemming van ouders',
  'inst.intro': 'Ouders met gezag geven instemming op deze afspraken. Verandert er daarna iets aan de afspraken, dan is opnieuw instemmen nodig.',
  'inst.overall.no-parents': 'Er is nog geen ouder met gezag in dit plan. Een beheerder kan een ouder uitnodigen als ouder met gezag.',
  'inst.overall.none': 'Nog niemand heeft ingestemd met deze afspraken.',
  'inst.overall.agreed': 'Alle ouders met gezag hebben ingestemd met deze afspraken.',
  'inst.overall.partly': 'Nog niet alle ouders met gezag hebben ingestemd met deze afspraken.',
  'inst.overall.changed': 'Gewijzigd na instemming — opnieuw instemmen nodig.',
  'inst.parents': 'Per ouder',
  'inst.state.current': 'Instemming van {name} op {date}',
  'inst.state.outdated': '{name}: gewijzigd na instemming — opnieuw instemmen nodig',
  'inst.state.outdatedSince': 'Eerder ingestemd op {date}, daarna zijn de afspraken veranderd.',
  'inst.state.none': '{name}: nog geen instemming',
  'inst.you': '{name} (jij)',
  'inst.agree': 'Ik stem in met deze afspraken',
  'inst.agreeAgain': 'Opnieuw instemmen met de nieuwe afspraken',
  'inst.youAgreed': 'Je hebt ingestemd met deze afspraken op {date}.',
  'inst.nothingToAgree': 'Er zijn nog geen afspraken om mee in te stemmen.',
  'inst.dialog.title': 'Instemmen met de afspraken',
  'inst.dialog.lead': 'Je stemt in met deze afspraken, precies zoals ze hier staan:',
  'inst.dialog.after': 'Je instemming wordt ondertekend met de sleutel van dit apparaat. Iedereen in het plan kan zien dat jij hebt ingestemd, en wanneer. Verandert er later iets aan de afspraken, dan vragen we je opnieuw.',
  'inst.dialog.confirm': 'Ja, ik stem in',
  'inst.dialog.cancel': 'Nog niet',
  'inst.done': 'Je instemming is opgeslagen.',
  'inst.failed': 'Instemmen lukte niet. Probeer het opnieuw.',
  'inst.history': 'Eerdere instemmingen ({n})',
  'inst.history.line': '{name} stemde in op {date}',
  'inst.history.current': 'deze versie',
  'inst.history.older': 'een eerdere versie',
  'inst.ignored': 'Niet meegeteld: {n} instemming(en) waarvan de handtekening niet klopt of die niet van een ouder met gezag zijn.',
  'inst.fact.who': 'Wie: {who}',
  'inst.fact.when': 'Wanneer: {when}',
  'inst.fact.goal': 'Doel: {goal}',
  'inst.fact.funded': 'Betaald uit: {funder}',
  'party.label': 'Wie is dit?',
  'party.parent': 'Ouder of verzorger (zonder gezag)',
  'party.gezag': 'Ouder met gezag',
  'party.youth': 'Jongere (jonger dan 16)',
  'party.youth16': 'Jongere (16 of ouder)',
  'contrib.can.observations': 'Jij kunt observaties toevoegen.',
  'contrib.can.ouders': 'Jij kunt observaties toevoegen en de stem van ouders invullen.',
  'contrib.can.kind': 'Jij kunt observaties toevoegen en de stem van het kind invullen.',
  'contrib.can.both': 'Jij kunt observaties toevoegen en de stem van het kind en van ouders invullen.',
  'contrib.can.instemming': 'Als ouder met gezag kun je ook instemmen met de afspraken.',
  'contrib.rest': 'De rest van het plan kun je lezen, niet aanpassen.',
} as const

export type InstemmingKey = keyof typeof instemmingNl
export type InstemmingMessages = Record<InstemmingKey, string>
