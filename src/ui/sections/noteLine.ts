/** A selection in an editor's plain text, as Quill gives it. */
export interface TextRange {
  index: number
  length: number
}

/**
 * The line of the notes a "Maak doel / Maak afspraak" acts on: the first non-empty line of what is
 * selected, or else the whole line the cursor is in. Trimmed; '' when that line is empty.
 */
export function lineAt(text: string, range: TextRange): string {
  if (range.length > 0) {
    const first = text
      .slice(range.index, range.index + range.length)
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean)
    if (first) return first
  }
  const start = text.lastIndexOf('\n', range.index - 1) + 1
  const end = text.indexOf('\n', range.index)
  return text.slice(start, end < 0 ? text.length : end).trim()
}
