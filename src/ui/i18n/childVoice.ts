/** The strings of the child's own form, in the language the app shell chose (`lang()` from ./index): Dutch first, English second. */
import { createTranslator } from './translator'
import { childVoiceEn } from './childVoice.en'
import { childVoiceNl, type ChildVoiceKey } from './childVoice.nl'

export type { ChildVoiceKey }

export const tChild = createTranslator(childVoiceNl, childVoiceEn)
