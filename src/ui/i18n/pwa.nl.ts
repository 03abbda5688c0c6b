/**
 * Dutch strings of the app shell's PWA parts: updates, storage on this device, installing and
 * plan files (export/import). Every key must exist in pwa.en.ts.
 */
export const pwaNl = {
  'update.available': 'Er is een nieuwe versie van Samenplan.',
  'update.now': 'Nu bijwerken',
  'update.checking': 'Even kijken of al je aanpassingen verstuurd zijn…',
  'update.waiting': 'Nog {n} aanpassingen worden verstuurd. Samenplan werkt zichzelf bij zodra alles verstuurd is.',
  'update.waitingOne': 'Nog 1 aanpassing wordt verstuurd. Samenplan werkt zichzelf bij zodra alles verstuurd is.',
  'update.waitingOffline': 'Ben je offline? Dan gebeurt dit als je weer verbinding hebt.',
  'update.later': 'Later',
  'update.applying': 'Samenplan wordt bijgewerkt…',

  'storage.title': 'Opslag op dit apparaat',
  'storage.persisted': 'Opslag op dit apparaat: beschermd. De browser ruimt je plannen niet zomaar op.',
  'storage.notPersisted': 'Opslag op dit apparaat: kan door de browser worden opgeruimd, bijvoorbeeld als de schijf vol raakt.',
  'storage.unsupported': 'Deze browser zegt niet of je plannen beschermd zijn. Maak af en toe een bestand van je plan (hieronder).',
  'storage.notPersistedHint':
    'Installeer Samenplan als app of gebruik het vaker, dan staat de browser bescherming sneller toe. Wat al op de server staat, raak je niet kwijt.',
  'storage.askAgain': 'Opnieuw om bescherming vragen',
  'storage.asking': 'Bezig met vragen…',
  'storage.refused': 'De browser heeft de bescherming (nog) niet gegeven.',
  'storage.usage': 'In gebruik: {used} van ongeveer {quota}.',
  'storage.usageUnknown': 'Hoeveel ruimte Samenplan gebruikt, is niet bekend.',

  'install.title': 'Samenplan als app installeren',
  'install.intro': 'Als app opent Samenplan vanaf je beginscherm, ook zonder internet.',
  'install.button': 'Installeren',
  'install.installed': 'Samenplan is als app geïnstalleerd.',
  'install.iosLead': 'Op een iPhone of iPad in Safari:',
  'install.iosStep1': 'Tik onderaan op de knop Deel (het vierkantje met een pijl omhoog).',
  'install.iosStep2': 'Kies "Zet op beginscherm".',
  'install.iosStep3': 'Tik op "Voeg toe".',
  'install.iosWhy':
    'Dit beschermt ook je plannen op dit apparaat: Safari ruimt gegevens van websites op die je 7 dagen niet opent, maar niet van apps op je beginscherm.',
  'install.other': 'Zie je geen knop? Zoek in het menu van je browser naar "Installeren" of "Toevoegen aan startscherm".',
  'install.hint': 'Tip: installeer Samenplan als app. Dan opent het vanaf je beginscherm, ook offline.',
  'install.hintMore': 'Hoe werkt dat?',
  'install.dismiss': 'Tip sluiten',

  'transfer.title': 'Plan als bestand bewaren',
  'transfer.intro':
    'Maak een bestand van een plan om zelf te bewaren of op een ander apparaat in te lezen. Het bestand is versleuteld met een wachtwoord dat je nu kiest. Zonder dat wachtwoord kan niemand het openen, ook jij niet.',
  'transfer.plan': 'Welk plan?',
  'transfer.noPlans': 'Er staan nog geen plannen op dit apparaat.',
  'transfer.pass': 'Wachtwoord voor dit bestand',
  'transfer.repeat': 'Herhaal het wachtwoord',
  'transfer.export': 'Bestand maken',
  'transfer.exporting': 'Bezig met versleutelen… Dit duurt even.',
  'transfer.exported': 'Het bestand {file} is gemaakt. Bewaar het op een veilige plek en onthoud het wachtwoord.',
  'transfer.importTitle': 'Plan uit een bestand inlezen',
  'transfer.importIntro':
    'Kies een .samenplan-bestand en vul het wachtwoord van dat bestand in. Staat het plan al op dit apparaat? Dan wordt alles samengevoegd; er gaat niets verloren.',
  'transfer.file': 'Bestand',
  'transfer.filePass': 'Wachtwoord van het bestand',
  'transfer.import': 'Inlezen',
  'transfer.importing': 'Bezig met openen en controleren… Dit duurt even.',
  'transfer.imported': 'Het plan is ingelezen.',
  'transfer.merged': 'Het plan stond al op dit apparaat. Wat in het bestand stond, is toegevoegd.',
  'transfer.readOnly': 'Dit apparaat is geen lid van het plan: je kunt het lezen, maar niets aanpassen. Vraag de beheerder om een uitnodiging.',
  'transfer.open': 'Plan openen',
  'transfer.fileRequired': 'Kies een bestand.',
  'transfer.passRequired': 'Vul het wachtwoord in.',
  'transfer.err.export-wrong-passphrase': 'Dit wachtwoord past niet bij dit bestand.',
  'transfer.err.export-not-samenplan': 'Dit is geen Samenplan-bestand.',
  'transfer.err.export-damaged': 'Dit bestand is beschadigd of niet helemaal overgekomen. Probeer een andere kopie.',
  'transfer.err.export-newer-version': 'Dit bestand is gemaakt met een nieuwere versie van Samenplan. Werk Samenplan bij en probeer het opnieuw.',
  'transfer.err.export-refused': 'Dit bestand bevat iets dat niet klopt met de regels van het plan. Er is niets ingelezen.',
  'transfer.err.export-passphrase-too-short': 'Kies een wachtwoord van minstens 8 tekens.',
  'transfer.err.mismatch': 'De twee wachtwoorden zijn niet gelijk.',
  'transfer.err.generic': 'Dat lukte niet. Probeer het opnieuw.',
  'push.title': 'Meldingen op dit apparaat',
  'push.intro':
    'Krijg een melding als iemand anders iets in een plan zet. De melding zegt alleen dat er iets nieuws is: wat er staat lees je pas in Samenplan. Hoogstens één melding per plan per tien minuten.',
  'push.plan': 'Meldingen voor het plan van {name}',
  'push.unsupported': 'Deze browser kan geen meldingen ontvangen. Zet Samenplan op je beginscherm (zie hieronder) en probeer het daar.',
  'push.denied': 'Je browser staat meldingen van Samenplan niet toe. Dat kun je in de instellingen van je browser veranderen.',
  'push.unavailable': 'Meldingen zijn op deze server niet beschikbaar.',
  'push.failed': 'Dat lukte niet. Probeer het later opnieuw.',
  'push.none': 'Er staan nog geen plannen op dit apparaat.',
} as const

export type PwaKey = keyof typeof pwaNl
