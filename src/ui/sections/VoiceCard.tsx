/**
 * One perspective's voice (kind, ouders, school, zorg): its three fields, editable only by the
 * voice's owners (P4, whatever the role); who wrote it last and when; the comments others wrote
 * beside it, each shown as theirs, and one's own comment field when the voice is not one's own.
 * For an admin, the school's and care's card says which organisation writes it.
 */
import { For, Show, createEffect, createMemo, createSignal, on, onCleanup } from 'solid-js'
import { roleAtLeast, type Party, type PlanSession, type Role } from '../../access/types'
import { VOICE_FIELDS, createOrganisations, createTeam, lastVoiceWrite, type OrganisationKind, type Perspective, type VoicesAccessor } from '../../plan'
import { formatDateTime, t } from '../i18n'
import { tPlan } from '../i18n/plan'
import { CollabEditor } from '../components/CollabEditor'
import { VoiceEditor } from '../components/VoiceEditor'
import { createPlanTick } from '../team/TeamView'
import { voiceEditable } from './voiceAccess'
import { ChildVoiceSummary } from '../childVoice/ChildVoiceSummary'

/** a change is sealed into a record, and noted in the activity, within the bridge's flush window (50 ms) */
const SEALED_AFTER_MS = 200

export interface VoiceCardProps {
  session: PlanSession
  voices: VoicesAccessor
  perspective: Perspective
  /** this device's member key */
  me: string
  role: () => Role
  party: () => Party | undefined
  /** the plan may be written at all (role, not a newer schema) */
  canWrite: () => boolean
}

export function VoiceCard(props: VoiceCardProps) {
  const session = props.session
  const p = props.perspective
  const orgs = createOrganisations(session.doc)
  const team = createTeam(session.doc)
  // the voice's texts and comments, the organisations' kinds and names, and the log (activity)
  const tick = createPlanTick(
    session,
    (bump) => orgs.observe(bump),
    (bump) => team.observe(bump),
    (bump) => {
      const onDoc = () => bump()
      session.doc.on('afterTransaction', onDoc)
      return () => session.doc.off('afterTransaction', onDoc)
    },
  )
  const myOrg = () => {
    tick()
    return props.me ? session.organisationOf(props.me) : undefined
  }
  const editable = () => {
    tick()
    const id = myOrg()
    return props.canWrite() && voiceEditable(props.role(), props.party(), p, { id, kind: id ? orgs.kindOf(id) : undefined })
  }
  const personOf = (key: string) => session.members().find((m) => m.memberKey === key)?.person ?? key
  const nameOf = (key: string) => {
    const person = personOf(key)
    const named = team.list().find((m) => m.memberKey !== '' && m.name && (m.memberKey === key || personOf(m.memberKey) === person))
    return named?.name ?? tPlan('voices.someone')
  }
  // the activity is written when a record is sealed (a moment after typing): read it again then
  const [later, setLater] = createSignal(0)
  let timer: ReturnType<typeof setTimeout> | undefined
  createEffect(
    on(tick, () => {
      clearTimeout(timer)
      timer = setTimeout(() => setLater((n) => n + 1), SEALED_AFTER_MS)
    }),
  )
  const last = createMemo(
    () => {
      tick()
      later()
      return lastVoiceWrite(session.activity(), p)
    },
    null,
    { equals: (a, b) => a?.author === b?.author && a?.writtenAt === b?.writtenAt },
  )
  onCleanup(() => clearTimeout(timer))

  const myKey = () => (props.me ? personOf(props.me) : '')
  const comments = () => {
    tick()
    return props.voices.comments(p).filter((c) => c.memberKey !== myKey())
  }
  const mayComment = () => props.canWrite() && props.me !== '' && !editable()

  const kindOfCard: OrganisationKind | null = p === 'school' || p === 'zorg' ? p : null
  const ownerOrg = () => {
    tick()
    return orgs.list().find((o) => orgs.kindOf(o.id) === kindOfCard)?.id ?? ''
  }
  const chooseOwner = (id: string) => {
    if (!kindOfCard) return
    session.doc.transact(() => {
      for (const o of orgs.list()) if (orgs.kindOf(o.id) === kindOfCard && o.id !== id) orgs.setKind(o.id, '')
      if (id) orgs.setKind(id, kindOfCard)
    })
  }

  return (
    <section class="card voices__card" aria-labelledby={`voice-${p}-title`} data-testid={`voice-card-${p}`}>
      <h3 id={`voice-${p}-title`} class="card__title">
        {t(`voices.${p}`)}
      </h3>
      <Show when={last()}>
        {(l) => (
          <p class="muted voices__last" data-testid={`voice-last-${p}`}>
            {tPlan('voices.lastWritten', { name: nameOf(l().author), time: formatDateTime(l().writtenAt) })}
          </p>
        )}
      </Show>
      <Show when={props.canWrite() && !editable()}>
        <p class="muted voices__owner">{tPlan('voices.notYours', { owners: tPlan(`voices.owners.${p}`) })}</p>
      </Show>
      <Show when={kindOfCard && props.role() === 'admin' && props.canWrite() && orgs.list().length > 0}>
        <div class="field">
          <label class="field__label" for={`voice-${p}-org`}>
            {tPlan('voices.orgKind')}
          </label>
          <select id={`voice-${p}-org`} class="select" value={ownerOrg()} onChange={(e) => chooseOwner(e.currentTarget.value)}>
            <option value="">{tPlan('voices.orgKindNone')}</option>
            <For each={orgs.list()}>{(o) => <option value={o.id}>{o.name}</option>}</For>
          </select>
        </div>
      </Show>
      <For each={VOICE_FIELDS}>
        {(field) => (
          <VoiceEditor
            id={`voice-${p}-${field}`}
            text={props.voices.text(p, field)}
            awareness={session.awareness}
            readOnly={!editable()}
            label={t(`voices.${field}`)}
            ariaLabel={t('voices.fieldLabel', { field: t(`voices.${field}`), perspective: t(`voices.${p}`) })}
          />
        )}
      </For>
      {/* the child's own form writes this voice too; what it asks beyond the three fields is shown here */}
      <Show when={p === 'kind'}>
        <ChildVoiceSummary session={session} showOpen={editable()} />
      </Show>
      <For each={comments()}>
        {(c) => (
          <div class="voices__comment" data-testid={`voice-comment-${p}`}>
            <p class="field__label">{tPlan('voices.commentBy', { name: nameOf(c.memberKey) })}</p>
            <p class="voices__comment-text">{c.text}</p>
          </div>
        )}
      </For>
      <Show when={mayComment() && myKey()}>
        <CollabEditor
          id={`voice-${p}-comment`}
          text={props.voices.comment(p, myKey())}
          awareness={session.awareness}
          readOnly={!roleAtLeast(props.role(), 'contributor')}
          label={tPlan('voices.myComment', { perspective: t(`voices.${p}`) })}
          placeholder={tPlan('voices.commentPlaceholder')}
          size="small"
        />
      </Show>
    </section>
  )
}
