/** The shell's PWA strings in the language the app chose (`lang()` from ./index). */
import { createTranslator } from './translator'
import { pwaEn } from './pwa.en'
import { pwaNl, type PwaKey } from './pwa.nl'

export type { PwaKey }

export const tPwa = createTranslator(pwaNl, pwaEn)
