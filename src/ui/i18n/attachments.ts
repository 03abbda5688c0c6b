/** The "Bijlagen" block's strings, in the language the app shell chose: Dutch first, English second. */
import { createTranslator } from './translator'
import { attachmentsEn } from './attachments.en'
import { attachmentsNl, type AttachmentsKey } from './attachments.nl'

export type { AttachmentsKey }

export const tAtt = createTranslator(attachmentsNl, attachmentsEn)
