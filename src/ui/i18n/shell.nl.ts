/**
 * Dutch strings of the app shell: its frame (name, header and footer links, language switch, the
 * accessibility statement's back link), and what several views share: the roles, the sync status,
 * the generic error. Part of the app shell's translator `t` (./index). Every key here must exist
 * in shell.en.ts (the type enforces it). Placeholders: {code}, {n}, {role}, {time}.
 */
export const shellNl = {
  'app.name': 'Samenplan',
  'app.tagline': 'Eén kind, één plan',
  'app.skip': 'Naar de inhoud',
  'app.loading': 'Bezig met laden…',
  'app.loadFailed': 'Samenplan kon niet starten. Vernieuw de pagina; wat op dit apparaat staat, blijft bewaard.',
  'app.footer': 'Alles wordt op je apparaat versleuteld. De server kan de plannen niet lezen.',

  'app.settings': 'Instellingen',
  'app.lock': 'Vergrendelen',
  'a11y.link': 'Toegankelijkheid',
  'a11y.back': '← Terug',

  'lang.label': 'Taal',
  'lang.nl': 'Nederlands',
  'lang.en': 'English',

  'role.reader': 'Meelezen (lezer)',
  'role.contributor': 'Meeschrijven (bijdrager)',
  'role.editor': 'Bewerken (bewerker)',
  'role.admin': 'Beheren (beheerder)',
  'role.reader.help': 'Kan het plan lezen, maar niets veranderen.',
  'role.contributor.help': 'Kan eigen stukken schrijven, zoals observaties en de eigen stem.',
  'role.editor.help': 'Kan het hele plan bewerken.',
  'role.admin.help': 'Kan alles bewerken en mensen uitnodigen of verwijderen.',
  'role.yours': 'Jouw rol: {role}',

  'status.saved-local': 'Opgeslagen op dit apparaat · offline',
  'status.connecting': 'Verbinden…',
  'status.pending': 'Nog niet verstuurd ({n})',
  'status.synced': 'Bijgewerkt',
  'status.rejected':
    '{n} aanpassingen van anderen zijn niet overgenomen. Ze waren niet goed ondertekend, of de schrijver mocht dat niet aanpassen. Jouw eigen tekst is niet aangeraakt.',
  'status.rejected.one':
    '1 aanpassing van een ander is niet overgenomen. Die was niet goed ondertekend, of de schrijver mocht dat niet aanpassen. Jouw eigen tekst is niet aangeraakt.',
  'status.incomplete': 'Mogelijk niet volledig',
  'status.incompleteWho':
    'Er zijn aanpassingen van {names} die dit apparaat niet heeft gekregen (sinds {time}). De server houdt ze misschien achter; dit apparaat blijft erom vragen.',
  'status.forked': 'Let op: de server laat niet iedereen hetzelfde plan zien ({n} keer bewezen). Vergelijk de plancode in het team met de anderen.',
  'status.error': 'Bijwerken lukt niet',
  'status.errorHelp': 'De server weigert de verbinding ({code}). Alles wat je schreef staat veilig op dit apparaat; er gaat niets verloren.',
  'status.planQuota':
    'Dit plan is te groot geworden voor de server ({code}). Alles wat je schreef staat veilig op dit apparaat; vraag de beheerder van de server om meer ruimte.',
  'status.keyQuota':
    'Je hebt in korte tijd te veel naar de server gestuurd ({code}). Alles wat je schreef staat veilig op dit apparaat; probeer het over een uur opnieuw.',
  'status.closeStale':
    'Het plan is niet afgesloten: iemand schreef er op hetzelfde moment nog iets in. Op dit apparaat lukt bijwerken nu niet meer; wat je schreef staat hier nog. Sluit het plan af op een ander apparaat of in een andere browser.',
  'status.planClosed':
    'Dit plan is intussen afgesloten. Wat je hier schreef nadat het werd afgesloten, kan er niet meer bij; het staat nog wel op dit apparaat.',
  'status.lastSynced': 'Laatst bijgewerkt om {time}',
  'status.waiting': '{n} aanpassingen nog niet verstuurd',
  'status.waiting.one': '1 aanpassing nog niet verstuurd',
  'status.attachmentsWaiting': '{n} bijlagen nog niet verstuurd',
  'status.attachmentsWaiting.one': '1 bijlage nog niet verstuurd',
  'status.lastSyncedOn': 'Laatst bijgewerkt op {time}',
  'status.neverSynced': 'Nog niet bijgewerkt',

  'error.generic': 'Er ging iets mis. Probeer het opnieuw.',
  'error.retry': 'Opnieuw proberen',
} as const

export type ShellKey = keyof typeof shellNl
export type ShellMessages = Record<ShellKey, string>
