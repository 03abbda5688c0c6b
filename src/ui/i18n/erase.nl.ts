/**
 * Dutch strings of keeping and erasing a plan (bewaartermijn, wissen op verzoek; issue 11 §4).
 * Every key here must exist in erase.en.ts (the type enforces it). Placeholders: {date}, {years},
 * {who}, {name}.
 */
export const eraseNl = {
  'erase.title': 'Bewaren en wissen',
  'erase.keptUntil': 'Dit plan wordt bewaard tot {date}. Daarna wordt het gewist.',
  'erase.keptAfterEnd': 'Dit plan wordt bewaard tot {years} jaar na afsluiten. Daarna wordt het gewist.',
  'erase.policy.school': 'Schoolondersteuning',
  'erase.policy.care': 'Jeugdhulp',
  'erase.policy.label': 'Bewaartermijn van de organisatie',
  'erase.policy.years': 'Jaren na afsluiten',
  'erase.policy.hint': 'Standaard: 2 jaar voor schoolondersteuning, 15 jaar voor jeugdhulp (Jeugdwet). Je organisatie kan dit aanpassen.',
  'erase.policy.save': 'Bewaartermijn opslaan',
  'erase.copy.title': 'Eerst een eigen kopie',
  'erase.copy.text': 'Wil je het plan houden? Maak eerst een kopie. Na het wissen kan dat niet meer.',
  'erase.copy.json': 'Kopie downloaden als bestand (JSON)',
  'erase.copy.print': 'Afdrukken of opslaan als PDF',
  'erase.copy.file': 'Plan bewaren als bestand (Instellingen)',
  'erase.ask.text': 'Als ouder met gezag (of jongere vanaf 16 jaar) kun je vragen om dit plan nu te wissen. Een beheerder moet dat bevestigen.',
  'erase.ask': 'Vraag om dit plan te wissen',
  'erase.confirm.text': 'Een ouder met gezag of de jongere heeft gevraagd dit plan te wissen. Als je bevestigt, is het plan daarna voor iedereen weg.',
  'erase.confirm': 'Wissen bevestigen',
  'erase.sure': 'Weet je het zeker? Dit kan niet ongedaan worden gemaakt.',
  'erase.yes': 'Ja, ga door',
  'erase.cancel': 'Annuleren',
  'erase.waiting.request': '{name} vroeg op {date} om dit plan te wissen. Wacht op een beheerder.',
  'erase.waiting.confirm': '{name} bevestigde op {date} het wissen. Wacht op een ouder met gezag of de jongere.',
  'erase.forbidden': 'Dat mag je niet doen in dit plan.',
  'erase.done': 'Dit plan is gewist op {date} op verzoek van {who}.',
  'erase.doneNow': 'Dit plan is gewist. Het staat niet meer op dit apparaat.',
  'erase.doneRetention': 'Dit plan is gewist op {date}: de bewaartermijn was voorbij.',
  'erase.who.gezag': 'een ouder met gezag',
  'erase.who.youth16': 'de jongere',
  'erase.who.unknown': 'de ouders en de beheerder',
} as const

export type EraseKey = keyof typeof eraseNl
export type EraseMessages = Record<EraseKey, string>
