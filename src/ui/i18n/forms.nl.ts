/**
 * Dutch strings of the forms' shared parts: the character counter near a field's limit and the
 * message for a text that is too long (src/plan/limits.ts). Every key here must exist in
 * forms.en.ts (the type enforces it). Placeholders: {n}, {max}.
 */
export const formsNl = {
  'forms.count.left': 'Nog {n} van {max} tekens',
  'forms.count.full': 'Maximaal {max} tekens: meer past er niet in',
  'forms.tooLong': 'Dit is te lang: maximaal {max} tekens.',
  'forms.tooLongAny': 'Dit is te lang. Maak het korter.',
} as const

export type FormsKey = keyof typeof formsNl
export type FormsMessages = Record<FormsKey, string>
