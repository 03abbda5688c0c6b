/**
 * Dutch strings around the request to the gemeente (issue 10 §5): the list of what is not filled
 * in, the parents' "klopt", the form for what is asked and who pays, and "why was it not enough"
 * on a step of help. The request's own wording is compiled in src/plan/substantiation.ts. Every
 * key here must exist in request.en.ts (the type enforces it). Placeholders: {n}, {name}, {date}, {why}.
 */
export const requestNl = {
  'req.gaps.title': 'Nog niet ingevuld ({n})',
  'req.gaps.intro': 'Dit staat nog niet in het plan. Met deze informatie kan de gemeente beter beslissen.',
  'req.gaps.none': 'Alles wat de gemeente vraagt, is ingevuld.',
  'req.approval.title': 'Klopt de aanvraag?',
  'req.approval.intro': 'Ouders lezen de aanvraag voordat hij naar de gemeente gaat. Klopt alles? Dan zeggen ze dat hier.',
  'req.approval.klopt': 'Ouders: klopt ({date})',
  'req.approval.changed': 'Ouders: gewijzigd na akkoord. De aanvraag is veranderd nadat ouders zeiden dat hij klopte.',
  'req.approval.unread': 'Ouders: nog niet gelezen door ouders.',
  'req.approval.no-parents': 'Er is nog geen ouder met gezag in dit plan. Een beheerder kan een ouder uitnodigen.',
  'req.approval.people': 'Per persoon',
  'req.approval.person.klopt': '{name}: klopt ({date})',
  'req.approval.person.changed': '{name}: gewijzigd na akkoord (akkoord op {date})',
  'req.approval.person.unread': '{name}: nog niet gelezen',
  'req.approval.you': '{name} (jij)',
  'req.approval.button': 'Ik heb de aanvraag gelezen: dit klopt',
  'req.approval.explain': 'Iedereen in het plan ziet dat jij dit zegt, en wanneer. Verandert er daarna iets aan de aanvraag, dan vragen we je opnieuw.',
  'req.approval.done': 'Opgeslagen: jij zegt dat de aanvraag klopt.',
  'req.approval.changedWhileReading': 'De aanvraag is net veranderd. Lees hem opnieuw en probeer het dan nog een keer.',
  'req.approval.failed': 'Dat lukte niet. Probeer het opnieuw.',
  'req.approval.ignored': 'Niet meegeteld: {n} keer "klopt" dat niet echt is, of niet van een ouder met gezag.',
  'req.form.open': 'Invullen wat we aanvragen',
  'req.form.title': 'Wat we aanvragen en wie betaalt',
  'req.form.form': 'Welke hulp vragen we?',
  'req.form.formHint': 'Bijvoorbeeld: begeleiding thuis en op school.',
  'req.form.intensity': 'Hoeveel hulp?',
  'req.form.intensityHint': 'Bijvoorbeeld: 3 uur per week.',
  'req.form.start': 'Vanaf',
  'req.form.end': 'Tot en met',
  'req.form.fundedBy': 'Wie betaalt?',
  'req.form.notAgreed': 'Nog niet afgesproken',
  'req.form.fundingNote': 'Wie betaalt welk deel?',
  'req.form.fundingNoteHint': 'Vooral nodig als onderwijs en jeugdhulp samen betalen.',
  'req.form.save': 'Opslaan',
  'req.form.saved': 'Opgeslagen.',
  'req.form.period': 'De einddatum ligt voor de begindatum.',
  'req.form.failed': 'Opslaan lukte niet. Probeer het opnieuw.',
  'req.form.cancel': 'Annuleren',
  'req.route.why': 'Waarom was deze hulp niet genoeg?',
  'req.route.whyHint': 'Wat bleef moeilijk? Zo ziet de gemeente waarom andere hulp nodig is.',
  'req.route.whyLine': 'Niet genoeg omdat: {why}',
} as const

export type RequestKey = keyof typeof requestNl
export type RequestMessages = Record<RequestKey, string>
