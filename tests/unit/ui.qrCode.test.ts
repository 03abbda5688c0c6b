/** The QR drawing: the path covers exactly the dark modules of the matrix, quiet zone included. */
import { describe, expect, it } from 'vitest'
import { encode } from 'uqr'
import { QR_BORDER, qrDrawing } from '../../src/ui/components/qrPath'

function cellsOf(path: string): Set<string> {
  const cells = new Set<string>()
  for (const m of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)) {
    const [x, y, run, back] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])]
    expect(back).toBe(run)
    for (let i = 0; i < run; i++) cells.add(`${x + i},${y}`)
  }
  return cells
}

describe('qrDrawing', () => {
  it('a short text is version 1 (21 modules) plus the quiet zone on each side', () => {
    const d = qrDrawing('HELLO')
    expect(d.size).toBe(21 + 2 * QR_BORDER)
  })

  it('draws every dark module once and nothing else', () => {
    const text = 'https://samenplan.example/#/join/abc/def'
    const d = qrDrawing(text)
    const matrix = encode(text, { ecc: 'M', border: QR_BORDER }).data
    const expected = new Set<string>()
    for (const [y, row] of matrix.entries()) for (const [x, on] of row.entries()) if (on) expected.add(`${x},${y}`)
    const drawn = cellsOf(d.path)
    expect(drawn).toEqual(expected)
    expect(d.dark).toBe(expected.size)
    // the quiet zone stays empty: the first and last QR_BORDER rows and columns
    for (const cell of drawn) {
      const [x, y] = cell.split(',').map(Number) as [number, number]
      expect(x >= QR_BORDER && y >= QR_BORDER && x < d.size - QR_BORDER && y < d.size - QR_BORDER).toBe(true)
    }
  })

  it('a device link with many plans still fits', () => {
    const d = qrDrawing(`https://samenplan.example/#/koppel/${'A'.repeat(1700)}`)
    expect(d.size).toBeLessThanOrEqual(177 + 2 * QR_BORDER)
  })
})
