/**
 * The rich editor's tools and their shortcuts, apart from Quill so the toolbar and its hints load
 * without it.
 */
import { isMac } from './platform'

/** the heading level the toolbar makes: below the page's h1, and never skipping a level down */
export const HEADING_LEVEL = 2

export const TOOLS = ['heading', 'bullet', 'ordered', 'bold', 'italic'] as const
export type Tool = (typeof TOOLS)[number]
export type ActiveTools = Record<Tool, boolean>

export const NONE_ACTIVE: ActiveTools = { heading: false, bullet: false, ordered: false, bold: false, italic: false }

/** Shortcuts beyond Quill's own Ctrl/Cmd+B and +I, as in common word processors; by `code` so any layout works. */
export const SHORTCUTS: Array<{ tool: Tool; code: string; shift: boolean; alt: boolean }> = [
  { tool: 'heading', code: 'Digit2', shift: false, alt: true },
  { tool: 'ordered', code: 'Digit7', shift: true, alt: false },
  { tool: 'bullet', code: 'Digit8', shift: true, alt: false },
]

/** The shortcut of a tool, for a tooltip ("Ctrl+B") and for aria-keyshortcuts ("Control+B"). */
export function shortcutOf(tool: Tool, mac = isMac()): { shown: string; aria: string } {
  const mod = mac ? 'Meta' : 'Control'
  const shownMod = mac ? '⌘' : 'Ctrl'
  if (tool === 'bold') return { shown: `${shownMod}+B`, aria: `${mod}+B` }
  if (tool === 'italic') return { shown: `${shownMod}+I`, aria: `${mod}+I` }
  const s = SHORTCUTS.find((x) => x.tool === tool)!
  const key = s.code.replace('Digit', '')
  const extra = s.alt ? 'Alt' : 'Shift'
  return { shown: `${shownMod}+${extra}+${key}`, aria: `${mod}+${extra}+${key}` }
}
