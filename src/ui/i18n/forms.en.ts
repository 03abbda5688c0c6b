import type { FormsMessages } from './forms.nl'

export const formsEn: FormsMessages = {
  'forms.count.left': '{n} of {max} characters left',
  'forms.count.full': 'At most {max} characters: no more fit',
  'forms.tooLong': 'This is too long: at most {max} characters.',
  'forms.tooLongAny': 'This is too long. Make it shorter.',
}
