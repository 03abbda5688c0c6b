import { createMemo } from 'solid-js'
import { qrDrawing } from './qrPath'

/**
 * A QR code drawn as an inline SVG from the matrix, as Solid elements: no innerHTML, no inline
 * style (the relay's CSP allows neither), black on white whatever the theme, so cameras read it.
 */
export function QrCode(props: { text: string; label: string; pixels?: number }) {
  const drawing = createMemo(() => qrDrawing(props.text))
  return (
    <svg
      class="qr-code"
      role="img"
      aria-label={props.label}
      data-modules={drawing().size}
      viewBox={`0 0 ${drawing().size} ${drawing().size}`}
      width={props.pixels ?? 240}
      height={props.pixels ?? 240}
      shape-rendering="crispEdges"
      xmlns="http://www.w3.org/2000/svg"
    >
      <rect width={drawing().size} height={drawing().size} fill="#ffffff" />
      <path d={drawing().path} fill="#000000" />
    </svg>
  )
}
