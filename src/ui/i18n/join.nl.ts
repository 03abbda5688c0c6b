/**
 * Dutch strings of an invite link checked before a profile is made (and again when it is
 * accepted): plain words for whoever opens the link. Every key here must exist in join.en.ts (the
 * type enforces it). No placeholders.
 */
export const joinNl = {
  'join.check.open': 'Je bent uitgenodigd. Kies eerst je naam en een wachtwoord. Daarna kun je de uitnodiging accepteren.',
  'join.check.used': 'Deze uitnodiging is al gebruikt. Vraag degene die je uitnodigde om een nieuwe link.',
  'join.check.expired': 'Deze uitnodiging is verlopen. Vraag degene die je uitnodigde om een nieuwe link.',
  'join.check.withdrawn': 'Deze uitnodiging is teruggenomen. Vraag degene die je uitnodigde of je een nieuwe link kunt krijgen.',
  'join.check.unknown': 'Deze link werkt niet. Misschien is hij niet helemaal gekopieerd. Vraag degene die je uitnodigde om de link nog een keer te sturen.',
  'join.check.unchecked':
    'We kunnen de uitnodiging nu niet controleren, want er is geen verbinding. Je kunt wel verder. Bij het accepteren controleren we de link opnieuw.',
  'join.check.retry': 'Opnieuw controleren',
  'join.check.home': 'Naar de startpagina',
} as const

export type JoinKey = keyof typeof joinNl
export type JoinMessages = Record<JoinKey, string>
