/**
 * How long a text in the plan may be, in characters (after trimming), defined once: the accessors
 * refuse a longer text on write (PlanError 'too-long', fields.ts checkText), the forms stop typing
 * at the same number and show a counter near it (components/Field), and a collaborative title is
 * cut at it as it is typed (quillEditor). Readers clip what an older client may have stored longer
 * (clipText), so one pasted page never becomes a heading.
 */

/** A goal's title: read at a glance on a card and in the onderbouwing, two lines at most. */
export const TITLE_MAX = 120
/** A person's or child's name, a school, a group: what a name field holds. */
export const NAME_MAX = 80
/** One line: who, when, an aanbieder, a source, an organisation, how to reach someone, uitstroom. */
export const SHORT_TEXT_MAX = 200
/** An afspraak's "what", a decision, a line of the notes: a sentence or two. */
export const LINE_MAX = 500
/** A written-out text in a form (an observation, a factor, what was seen, what help did): a few paragraphs. */
export const LONG_TEXT_MAX = 4000

/** The share of a limit from which a field shows how many characters are left. */
export const COUNTER_FROM = 0.8

/** Length as a person counts it: code points in NFC, so "é" typed as e + ´ counts once. */
export function textLength(value: string): number {
  let n = 0
  for (const _ of value.normalize('NFC')) n++
  return n
}

/** `value` cut to `max` characters, with "…" in place of what was cut; unchanged when it fits. */
export function clipText(value: string, max: number): string {
  if (textLength(value) <= max) return value
  return `${[...value.normalize('NFC')]
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`
}
