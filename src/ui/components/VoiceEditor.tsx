import type * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import { t } from '../i18n'
import { CollabEditor } from './CollabEditor'

export interface VoiceEditorProps {
  id: string
  text: Y.Text
  awareness: Awareness
  readOnly: boolean
  /** visible label, e.g. "Zorgen" */
  label: string
  /** full accessible name, e.g. "Zorgen – Kind" (starts with the visible label) */
  ariaLabel: string
}

/** One voices field: a rich collaborative text with the voices' placeholder. */
export function VoiceEditor(props: VoiceEditorProps) {
  return (
    <CollabEditor
      id={props.id}
      text={props.text}
      awareness={props.awareness}
      readOnly={props.readOnly}
      label={props.label}
      ariaLabel={props.ariaLabel}
      placeholder={t('voices.placeholder')}
      rich
    />
  )
}
