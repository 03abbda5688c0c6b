import { For, Index, Show, createMemo, createSignal } from 'solid-js'
import type { PlanSession } from '../../access/types'
import { INSTEMMING, createTeam } from '../../plan'
import { formatDateTime } from '../i18n'
import { tInstemming } from '../i18n/instemming'
import { tTeam, type TeamKey } from '../i18n/team'
import { createPlanTick } from './TeamView'
import { mergeActivity } from './activityLines'
import { SharedLinks } from '../extract/SharedLinks'
import './team.css'

const SECTIONS: Record<string, TeamKey> = {
  observations: 'activity.section.observations',
  goals: 'activity.section.goals',
  actions: 'activity.section.actions',
  meetings: 'activity.section.meetings',
  // a meeting's preparation (P10) is part of the meetings
  preparations: 'activity.section.meetings',
  // an adapted agenda template, and a verslag's "klopt" or correction, belong to the meetings
  meetingTemplates: 'activity.section.meetings',
  approvals: 'activity.section.meetings',
  team: 'activity.section.team',
  child: 'activity.section.child',
  meta: 'activity.section.meta',
  attachments: 'activity.section.attachments',
}
const VOICES: Record<string, TeamKey> = {
  kind: 'activity.voice.kind',
  ouders: 'activity.voice.ouders',
  school: 'activity.voice.school',
  zorg: 'activity.voice.zorg',
}

/** A plan-doc root name ("voices.ouders.zorgen", "goals.<id>.title", "observations") in words. */
export function sectionOf(root: string): string {
  const [head = '', second] = root.split('.')
  if (head === 'voices') {
    const key = second ? VOICES[second] : undefined
    return key ? tTeam(key) : tTeam('activity.voice.other', { perspective: second ?? '' })
  }
  if (head === INSTEMMING) return tInstemming('inst.activity')
  const key = SECTIONS[head]
  return key ? tTeam(key) : tTeam('activity.section.other')
}

/** The roots of one record as distinct section names, in a stable order. */
export function sectionsOf(roots: readonly string[]): string {
  const names = [...new Set(roots.map(sectionOf))]
  if (names.length === 0) return tTeam('activity.section.other')
  return names.join(tTeam('activity.and'))
}

const SHOWN = 100

/**
 * "Activiteit", for every member: who changed which section when, from the signed records this
 * device opened (newest first), and the records it refused, with the reason.
 */
export function ActivityView(props: { session: PlanSession; me: string; myName: string }) {
  const session = props.session
  const team = createTeam(session.doc)
  const tick = createPlanTick(session, (bump) => team.observe(bump))
  // the tick fires on every status event (each keystroke's envelope update and its ack); the rows
  // are rebuilt only when what they show changed: the log's newest entry, the refused ones, names
  const changed = createMemo(() => {
    tick()
    const all = session.activity()
    const last = all.at(-1)
    const names = team
      .list()
      .map((m) => `${m.memberKey}=${m.name}`)
      .join(',')
    return `${all.length}:${last?.writtenAt ?? 0}:${last?.author ?? ''}:${last?.kind ?? ''}:${session.quarantined().length}:${names}`
  })
  const [showSnapshots, setShowSnapshots] = createSignal(false)
  // names stay known after someone leaves the team list (a removed member's earlier edits)
  const names = new Map<string, string>()
  const nameOf = (key: string) => {
    const known = team.findByKey(key)?.name || (key === props.me ? props.myName : '')
    if (known) names.set(key, known)
    return names.get(key) || tTeam('team.unknown')
  }

  const lines = createMemo(
    () => {
      changed()
      for (const m of team.list()) if (m.memberKey && m.name) names.set(m.memberKey, m.name)
      // one line per person, section and hour (activityLines.ts)
      return mergeActivity(session.activity(), sectionsOf, { showSnapshots: showSnapshots(), limit: SHOWN })
    },
    undefined,
    { equals: false },
  )

  const refused = createMemo(
    () => {
      changed()
      return [...session.quarantined()].reverse()
    },
    undefined,
    { equals: false },
  )

  return (
    <section class="sp-section activity" aria-labelledby="activity-title" id="activity">
      <h2 id="activity-title">{tTeam('activity.title')}</h2>
      <p class="muted">{tTeam('activity.intro')}</p>
      <div class="choice activity__toggle">
        <input type="checkbox" id="activity-snapshots" checked={showSnapshots()} onChange={(e) => setShowSnapshots(e.currentTarget.checked)} />
        <label for="activity-snapshots">{tTeam('activity.showSnapshots')}</label>
      </div>
      <Show when={lines().length > 0} fallback={<p class="muted">{tTeam('activity.none')}</p>}>
        <ol class="sp-list activity__list" aria-label={tTeam('activity.caption')}>
          {/* by position: one more edit folded into the newest line changes its count, not every row */}
          <Index each={lines()}>
            {(line) => (
              <li class={line().kind === 'snapshot' ? 'list-row activity__item activity__item--snapshot' : 'list-row activity__item'}>
                <span class="activity__what">
                  {line().kind === 'snapshot' ? tTeam('activity.snapshot') : tTeam('activity.entry', { name: nameOf(line().author), section: line().section })}
                  <Show when={line().count > 1}>
                    <span class="muted"> ({line().count}×)</span>
                  </Show>
                </span>
                <span aria-hidden="true"> · </span>
                <time class="activity__time" datetime={new Date(line().at).toISOString()}>
                  {formatDateTime(line().at)}
                </time>
              </li>
            )}
          </Index>
        </ol>
      </Show>

      <h3 class="sp-subtitle" id="activity-refused-title">
        {tTeam('activity.rejected.title')}
      </h3>
      <Show when={refused().length > 0} fallback={<p class="muted">{tTeam('activity.rejected.none')}</p>}>
        <p class="muted">{tTeam('activity.rejected.intro')}</p>
        <ul class="sp-list activity__list activity__list--refused" aria-labelledby="activity-refused-title">
          <For each={refused()}>
            {(r) => (
              <li class="list-row activity__item activity__item--refused">
                {tTeam('activity.rejected.entry', { reason: r.reason })}
                <span aria-hidden="true"> · </span>
                <time class="activity__time" datetime={new Date(r.at).toISOString()}>
                  {formatDateTime(r.at)}
                </time>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <SharedLinks session={session} />
    </section>
  )
}
