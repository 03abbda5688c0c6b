/**
 * Dutch strings of the instemming (parents' agreement to the afspraken) and of what a contributor
 * may change. Every key here must exist in instemming.en.ts (the type enforces it).
 * Placeholders: {name}, {date}, {n}.
 */
export const instemmingNl = {
  'inst.title': 'Instemming met het handelingsdeel',
  'inst.intro':
    'Ouders met gezag stemmen in met het handelingsdeel: de doelen, de afspraken en de hulp op school. Verandert er daarna iets aan, dan is opnieuw instemmen nodig.',
  'inst.overall.no-parents': 'Er is nog geen ouder met gezag in dit plan. Een beheerder kan een ouder uitnodigen als ouder met gezag.',
  'inst.overall.none': 'Nog niemand heeft ingestemd met dit handelingsdeel.',
  'inst.overall.agreed': 'Iedereen die moet instemmen, heeft ingestemd met dit handelingsdeel.',
  'inst.overall.partly': 'Nog niet iedereen die moet instemmen, heeft ingestemd met dit handelingsdeel.',
  'inst.overall.disagreed': 'Er is geen instemming: een ouder is het niet eens met dit handelingsdeel.',
  'inst.overall.changed': 'Gewijzigd na instemming — opnieuw instemmen nodig.',
  'inst.overall.withdrawn': 'De instemming is ingetrokken: er is nu geen instemming met dit handelingsdeel.',
  'inst.parents': 'Per ouder',
  'inst.state.current': 'Instemming van {name} op {date}',
  'inst.state.outdated': '{name}: gewijzigd na instemming — opnieuw instemmen nodig',
  'inst.state.outdatedSince': 'Eerder ingestemd op {date}, daarna is het handelingsdeel veranderd.',
  'inst.state.none': '{name}: nog geen instemming',
  'inst.state.withdrawn': '{name}: instemming ingetrokken op {date}',
  'inst.you': '{name} (jij)',
  'inst.agree': 'Ik stem in met het handelingsdeel',
  'inst.agreeAgain': 'Opnieuw instemmen met het nieuwe handelingsdeel',
  'inst.youAgreed': 'Je hebt ingestemd met dit handelingsdeel op {date}.',
  'inst.nothingToAgree': 'Er staat nog niets in het handelingsdeel om mee in te stemmen.',
  'inst.dialog.title': 'Instemmen met het handelingsdeel',
  'inst.dialog.lead': 'Je stemt in met het handelingsdeel, precies zoals het hier staat:',
  'inst.dialog.after':
    'Je instemming wordt ondertekend met de sleutel van dit apparaat. Iedereen in het plan kan zien dat jij hebt ingestemd, en wanneer. Verandert er later iets aan de afspraken, dan vragen we je opnieuw.',
  'inst.dialog.confirm': 'Ja, ik stem in',
  'inst.dialog.cancel': 'Nog niet',
  'inst.done': 'Je instemming is opgeslagen.',
  'inst.failed': 'Instemmen lukte niet. Probeer het opnieuw.',
  'inst.history': 'Alle instemmingen tot nu toe ({n})',
  'inst.history.line': '{name} stemde in op {date}',
  'inst.history.withdrawn': '{name} trok de instemming in op {date}',
  'inst.history.current': 'deze versie',
  'inst.history.older': 'een eerdere versie',
  'inst.ignored': 'Niet meegeteld: {n} instemming(en) of intrekking(en) waarvan de handtekening niet klopt of die niet van een ouder met gezag zijn.',
  'inst.activity': 'Instemming',
  'inst.withdraw': 'Instemming intrekken',
  'inst.withdraw.title': 'Instemming intrekken',
  'inst.withdraw.lead': 'Je trekt je instemming met deze afspraken in. Dat betekent:',
  'inst.withdraw.counts': 'Je instemming telt niet meer. De afspraken blijven staan, maar jij stemt er niet meer mee in.',
  'inst.withdraw.seen': 'Iedereen in het plan ziet bij jouw naam: instemming ingetrokken, en wanneer.',
  'inst.withdraw.final':
    'Het intrekken wordt ondertekend met de sleutel van dit apparaat en kan niet ongedaan worden gemaakt. Later opnieuw instemmen kan wel.',
  'inst.withdraw.confirm': 'Ja, trek mijn instemming in',
  'inst.withdraw.busy': 'Bezig met intrekken…',
  'inst.withdraw.cancel': 'Niet intrekken',
  'inst.withdraw.done': 'Je instemming is ingetrokken.',
  'inst.withdraw.failed': 'Intrekken lukte niet. Probeer het opnieuw.',
  'inst.changes': 'Wat is er veranderd?',
  'inst.readerGezag': 'Je kunt dit plan alleen lezen. Vraag de beheerder je bijdrager te maken, dan kun je instemmen met de afspraken.',
  'inst.fact.who': 'Wie: {who}',
  'inst.fact.when': 'Wanneer: {when}',
  'inst.fact.goal': 'Doel: {goal}',
  'inst.fact.funded': 'Betaald uit: {funder}',
  'contrib.can.observations': 'Jij kunt observaties toevoegen.',
  'contrib.can.ouders': 'Jij kunt observaties toevoegen en de stem van ouders invullen.',
  'contrib.can.kind': 'Jij kunt observaties toevoegen en de stem van het kind invullen.',
  'contrib.can.instemming': 'Als ouder met gezag kun je ook instemmen met de afspraken.',
  'contrib.rest': 'De rest van het plan kun je lezen, niet aanpassen.',
} as const

export type InstemmingKey = keyof typeof instemmingNl
export type InstemmingMessages = Record<InstemmingKey, string>
