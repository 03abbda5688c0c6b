/**
 * A QR code as one SVG path: each run of dark modules in a row is one rectangle. Pure, so the
 * component only draws, and the matrix can be tested without a browser.
 */
import { encode } from 'uqr'

/** the quiet zone the QR standard asks for, in modules */
export const QR_BORDER = 4

export interface QrDrawing {
  /** modules per side, quiet zone included */
  size: number
  /** SVG path data, one `M x y h n v 1 h -n z` per run of dark modules */
  path: string
  /** how many dark modules the path covers */
  dark: number
}

export function qrDrawing(text: string): QrDrawing {
  // M: a photo of a screen loses some contrast; a device link still fits (version ≤ 30)
  const qr = encode(text, { ecc: 'M', border: QR_BORDER })
  let path = ''
  let dark = 0
  qr.data.forEach((row, y) => {
    for (let x = 0; x < row.length; ) {
      if (!row[x]) {
        x += 1
        continue
      }
      let run = 0
      while (x + run < row.length && row[x + run]) run += 1
      path += `M${x} ${y}h${run}v1h-${run}z`
      dark += run
      x += run
    }
  })
  return { size: qr.size, path, dark }
}
