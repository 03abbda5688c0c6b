/** Presence colours: dark enough for white names on them (contrast ≥ 4.5:1). */
const COLOURS = ['#1d4ed8', '#b91c1c', '#7e22ce', '#047857', '#b45309', '#be185d', '#0e7490', '#4d7c0f']

/** The colour a member's name and cursor show in, the same on every device (from the member key). */
export function colourFor(memberKey: string): string {
  let h = 0
  for (let i = 0; i < memberKey.length; i++) h = (h * 31 + memberKey.charCodeAt(i)) >>> 0
  return COLOURS[h % COLOURS.length]!
}
