/**
 * Dutch strings of the text editor's toolbar, undo/redo and search within a plan. Every key here
 * must exist in editor.en.ts (the type enforces it). Placeholders: {field}, {n}, {query},
 * {section}, {key}.
 */
export const editorNl = {
  'toolbar.label': 'Opmaak van {field}',
  'toolbar.heading': 'Kop',
  'toolbar.bullet': 'Lijst met bolletjes',
  'toolbar.bullet.visible': 'Lijst',
  'toolbar.ordered': 'Lijst met nummers',
  'toolbar.ordered.visible': 'Lijst',
  'toolbar.bold': 'Vet',
  'toolbar.italic': 'Schuin',
  'toolbar.shortcut': '{label} ({key})',

  'undo.undo': 'Ongedaan maken',
  'undo.redo': 'Opnieuw',
  'undo.group': 'Je eigen aanpassingen',
  'undo.hint': 'Maakt alleen jouw eigen laatste aanpassing ongedaan, nooit die van een ander.',
  'undo.done': 'Jouw laatste aanpassing is ongedaan gemaakt.',
  'undo.redone': 'Jouw aanpassing is opnieuw gedaan.',
  'undo.nothing': 'Er is niets meer om ongedaan te maken.',

  'search.label': 'Zoeken in dit plan',
  'search.placeholder': 'Bijvoorbeeld: lezen',
  'search.submit': 'Zoeken',
  'search.results': '{n} resultaten voor "{query}"',
  'search.result': '1 resultaat voor "{query}"',
  'search.none': 'Geen resultaten voor "{query}".',
  'search.notShown': 'Dit deel staat (nog) niet in deze weergave.',

  'search.section.child': 'Basisgegevens',
  'search.section.team': 'Betrokkenen',
  'search.section.socialMap': 'Sociale kaart',
  'search.section.voices': 'Stem van kind, ouders, school en zorg',
  'search.section.factors': 'Bevorderende en belemmerende factoren',
  'search.section.needs': 'Onderwijs- en ondersteuningsbehoeften',
  'search.section.perspective': 'Ontwikkelingsperspectief (OPP)',
  'search.section.goals': 'Doelen',
  'search.section.actions': 'Afspraken',
  'search.section.route': 'Ingezette hulp',
  'search.section.observations': 'Observaties',
  'search.section.meetings': 'Overleggen',
} as const

export type EditorKey = keyof typeof editorNl
export type EditorMessages = Record<EditorKey, string>
