/**
 * The activity view's lines, from the signed records this device opened: one line per person,
 * section and clock hour ("Anna wijzigde Stem van de ouders (6×) · 14:52"), however the records
 * of that hour interleave with other people's or other sections'. A pure function of the entries
 * (oldest first, as the bridge keeps them), so it is tested without a DOM.
 */

export interface ActivityInput {
  author: string
  kind: 'update' | 'snapshot'
  /** the writer's clock, ms */
  writtenAt: number
  roots: readonly string[]
}

export interface ActivityLine {
  author: string
  kind: 'update' | 'snapshot'
  /** the section name(s) in words; '' for a snapshot */
  section: string
  /** the newest record of the line */
  at: number
  /** how many records it stands for */
  count: number
}

/**
 * The start of the local clock hour `at` falls in: lines merge over a clock hour, so 14:05 and
 * 14:55 are one line and 15:01 the next (local, not UTC: some time zones are half an hour off).
 */
export function hourOf(at: number): number {
  const d = new Date(at)
  d.setMinutes(0, 0, 0)
  return d.getTime()
}

/**
 * Newest line first, at most `limit` lines. `sectionOf` names a record's roots in words (records
 * touching the same sections merge); snapshots merge only when `showSnapshots`, else are left out.
 */
export function mergeActivity(
  entries: readonly ActivityInput[],
  sectionOf: (roots: readonly string[]) => string,
  options: { showSnapshots: boolean; limit: number },
): ActivityLine[] {
  const byKey = new Map<string, ActivityLine>()
  const out: ActivityLine[] = []
  // most records touch the same few roots: name each set once
  const names = new Map<string, string>()
  const nameOf = (roots: readonly string[]) => {
    const k = roots.join('\n')
    let name = names.get(k)
    if (name === undefined) names.set(k, (name = sectionOf(roots)))
    return name
  }
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!
    if (e.kind === 'snapshot' && !options.showSnapshots) continue
    const section = e.kind === 'snapshot' ? '' : nameOf(e.roots)
    const key = `${e.author}\u0000${e.kind}\u0000${section}\u0000${hourOf(e.writtenAt)}`
    const line = byKey.get(key)
    if (line) {
      line.count++
      if (e.writtenAt > line.at) line.at = e.writtenAt
      continue
    }
    const fresh: ActivityLine = { author: e.author, kind: e.kind, section, at: e.writtenAt, count: 1 }
    byKey.set(key, fresh)
    out.push(fresh)
  }
  // writers' clocks differ: order by the newest record each line holds
  return out.sort((a, b) => b.at - a.at).slice(0, options.limit)
}
