/**
 * No plan text on the browser's disk (docs/RULES.md D1): Chromium keeps what is typed into a field
 * in its autofill table (`Web Data`) and the state of a page's fields in its session-restore files
 * (`Sessions/`) unless the field, and the form around it, say `autocomplete="off"`. This test reads
 * every component under src/ui and fails on a <form>, <input> or <textarea> that does not say so,
 * so a new field cannot forget it. (tests/e2e/disk.test.ts checks the profile directory itself.)
 */
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { jsxOpeningTags, missingAutocomplete } from './ui.autocomplete.scan'

const UI = fileURLToPath(new URL('../../src/ui', import.meta.url))

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return tsxFiles(full)
    return e.name.endsWith('.tsx') ? [full] : []
  })
}

describe('[D1] every field that can hold plan text says autocomplete="off"', () => {
  it('[D1] the scanner finds tags whose attributes hold arrows and braces, and judges them', () => {
    const source = `<form class="f" onSubmit={(e) => { if (a > b) go() }}>
      <input id="a" onInput={(e) => set(e.currentTarget.value)} />
      <input type="checkbox" checked={x() > 1} />
      <textarea {...common()} autocomplete="off" rows="3" />
      <input type="password" autocomplete="current-password" />
      <input autocomplete={props.kind} />
    </form>`
    const tags = jsxOpeningTags(source)
    expect(tags.map((t) => t.name)).toEqual(['form', 'input', 'input', 'textarea', 'input', 'input'])
    expect(tags.map(missingAutocomplete)).toEqual([true, true, false, false, false, true])
  })

  it('[D1] every <form>, text <input> and <textarea> under src/ui has a fixed autocomplete (off, or a password/username token)', () => {
    const files = tsxFiles(UI)
    const offenders: string[] = []
    let seen = 0
    for (const file of files) {
      for (const tag of jsxOpeningTags(readFileSync(file, 'utf8'))) {
        seen++
        if (missingAutocomplete(tag)) offenders.push(`${path.relative(UI, file)}:${tag.line} <${tag.name}>`)
      }
    }
    expect(seen).toBeGreaterThan(50) // the scanner did find the app's fields
    expect(offenders).toEqual([])
  })
})
