/**
 * Dutch strings of the lock screen, choosing a passphrase, the shared-computer choice and
 * protecting an older profile with a passphrase. Part of the app shell's translator `t`
 * (./index). Every key here must exist in lock.en.ts (the type enforces it). Placeholders:
 * {level}, {m}, {n}, {s}, {time}.
 */
export const lockNl = {
  'lock.title': 'Samenplan is vergrendeld',
  'lock.intro': 'Vul je wachtwoord in om je plannen te openen.',
  'lock.passphrase': 'Wachtwoord',
  'lock.show': 'Wachtwoord tonen',
  'lock.unlock': 'Ontgrendelen',
  'lock.unlocking': 'Bezig met ontgrendelen…',
  'lock.required': 'Vul je wachtwoord in.',
  'lock.wrong': 'Dit wachtwoord klopt niet. Probeer het opnieuw.',
  'lock.wrongLast': 'Dit wachtwoord klopt niet. Na nog een fout moet je even wachten.',
  'lock.lockedOut': 'Je hebt te vaak een verkeerd wachtwoord ingevuld. Wacht even en probeer het dan opnieuw.',
  'lock.wait': 'Je kunt het opnieuw proberen over {time}.',
  'lock.canRetry': 'Je kunt het nu opnieuw proberen.',
  'lock.locked': 'Samenplan is vergrendeld. Je plannen zijn gesloten.',
  'lock.keptUnsynced':
    'Er waren nog {n} aanpassingen niet verstuurd. Ze staan versleuteld op deze computer. Ontgrendel, wacht tot alles verstuurd is en log dan uit.',
  'lock.keptUnsynced.one':
    'Er was nog 1 aanpassing niet verstuurd. Die staat versleuteld op deze computer. Ontgrendel, wacht tot alles verstuurd is en log dan uit.',
  'lock.wiped': 'Alles van Samenplan is van deze computer gewist.',
  'lock.forgot': 'Wachtwoord vergeten?',
  'lock.forgotText':
    'Niemand kan je wachtwoord terughalen, ook wij niet. Het plan is niet weg: de anderen in het plan hebben het nog. Wis dit apparaat en vraag een beheerder van het plan om een nieuwe uitnodiging. Wat nog niet verstuurd was, gaat verloren.',
  'lock.wipe': 'Alles van dit apparaat wissen',
  'lock.wipeConfirm': 'Ja, alles wissen',
  'lock.wipeSure': 'Weet je het zeker? Je profiel en de plannen op dit apparaat worden gewist.',
  'lock.cancel': 'Annuleren',

  'time.minutesSeconds': '{m} min {s} s',
  'time.seconds': '{s} s',

  'pass.new': 'Kies een wachtwoord',
  'pass.repeat': 'Herhaal het wachtwoord',
  'pass.hint': 'Minstens 8 tekens. Tip: neem vier losse woorden, zoals "fiets wolk appel trein". Dat is sterk en makkelijk te onthouden.',
  'pass.noRecovery':
    'Er is geen herstel als je het wachtwoord vergeet. De anderen in het plan houden het plan, maar dit apparaat moet dan opnieuw worden uitgenodigd. Schrijf het wachtwoord op een veilige plek op.',
  'pass.strength': 'Sterkte: {level}',
  'pass.strength.too-short': 'te kort',
  'pass.strength.weak': 'zwak',
  'pass.strength.fair': 'redelijk',
  'pass.strength.strong': 'sterk',
  'pass.tooShort': 'Het wachtwoord moet minstens 8 tekens hebben.',
  'pass.mismatch': 'De twee wachtwoorden zijn niet gelijk.',
  'pass.saving': 'Bezig met beveiligen…',

  'shared.label': 'Dit is een gedeelde computer',
  'shared.hint':
    'Bijvoorbeeld op school of in de bibliotheek. Na vergrendelen of uitloggen blijft er niets van Samenplan op deze computer. Wat dan nog niet verstuurd is, gaat verloren. Wil je het plan later weer openen, dan heb je een nieuwe uitnodiging nodig.',

  'protect.title': 'Beveilig Samenplan met een wachtwoord',
  'protect.intro':
    'Samenplan beveiligt je plannen op dit apparaat nu met een wachtwoord. Kies er een om verder te gaan. Je plannen blijven gewoon op dit apparaat.',
  'protect.submit': 'Wachtwoord instellen',
} as const

export type LockKey = keyof typeof lockNl
export type LockMessages = Record<LockKey, string>
