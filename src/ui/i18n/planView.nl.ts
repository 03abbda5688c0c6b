/**
 * Dutch strings of the plan view's frame (opening, title, read-only notices), who is here now,
 * and the voices section (stem van kind, ouders, school en zorg). Part of the app shell's
 * translator `t` (./index). Every key here must exist in planView.en.ts (the type enforces it).
 * Placeholders: {field}, {name}, {perspective}.
 */
export const planViewNl = {
  'plan.loading': 'Plan wordt geopend…',
  'plan.notFound': 'Dit plan staat niet op dit apparaat.',
  'plan.openFailed': 'Het plan kon niet worden geopend.',
  'plan.readOnly': 'Je kunt dit plan lezen, maar niet wijzigen.',
  'plan.newerSchema': 'Dit plan is gemaakt met een nieuwere versie van Samenplan. Vernieuw de app om te kunnen bewerken.',
  'plan.childFallback': 'dit kind',
  'plan.title': 'Plan van {name}',
  'plan.back': 'Terug naar mijn plannen',

  'voices.title': 'Stem van kind, ouders, school en zorg',
  'voices.intro': 'Ieder vertelt in eigen woorden wat zorgen geeft, wat goed gaat en wat de vraag is.',
  'voices.kind': 'Kind',
  'voices.ouders': 'Ouders',
  'voices.school': 'School',
  'voices.zorg': 'Zorg',
  'voices.zorgen': 'Zorgen',
  'voices.krachten': 'Krachten',
  'voices.vraag': 'Vraag',
  'voices.fieldLabel': '{field} – {perspective}',
  'voices.placeholder': 'Schrijf hier…',
  'voices.editorLoading': 'Tekstvak wordt geladen…',
  'voices.editorFailed': 'Dit tekstvak kon niet laden. Herlaad de pagina; wat er al staat, blijft bewaard.',

  'presence.title': 'Nu in dit plan',
  'presence.you': '{name} (jij)',
  'presence.alone': 'Alleen jij',
} as const

export type PlanViewKey = keyof typeof planViewNl
export type PlanViewMessages = Record<PlanViewKey, string>
