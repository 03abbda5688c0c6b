/**
 * One face of the child's scale, drawn (no emoji font needed): from a frown (1) to a big smile (5).
 * Decorative: the text label beside it says what it means.
 */
import type { ChildScaleValue } from '../../plan'

/** warm to cool, all light enough for the dark lines on them (≥ 3:1 for the eyes and mouth) */
const FILL: Record<ChildScaleValue, string> = { 1: '#f6c1c1', 2: '#f9d9b5', 3: '#f6eaa8', 4: '#cfe8c4', 5: '#b5e0d6' }

export function ChildFace(props: { value: ChildScaleValue; size?: number }) {
  // the mouth's middle sits below its ends for a smile, above them for a frown
  const bend = () => (props.value - 3) * 5
  return (
    <svg class="child-face__icon" viewBox="0 0 48 48" width={props.size ?? 48} height={props.size ?? 48} aria-hidden="true">
      <circle cx="24" cy="24" r="22" fill={FILL[props.value]} stroke="#1f2933" stroke-width="2" />
      <circle cx="17" cy="19" r="2.6" fill="#1f2933" />
      <circle cx="31" cy="19" r="2.6" fill="#1f2933" />
      <path d={`M14 ${32 - bend() / 2} Q24 ${32 + bend()} 34 ${32 - bend() / 2}`} fill="none" stroke="#1f2933" stroke-width="2.6" stroke-linecap="round" />
    </svg>
  )
}
