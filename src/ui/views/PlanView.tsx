import { oppStandingOf } from '../../access/oppStanding'
import { For, Match, Show, Switch, createEffect, createResource, createSignal, on, onCleanup } from 'solid-js'
import { roleAtLeast, type PlanSession } from '../../access/types'
import { PERSPECTIVES, createChild, createVoices, migratePlan } from '../../plan'
import { t } from '../i18n'
import { loadClient, profile } from '../client'
import { errorCodeOf } from '../errorCode'
import { colourFor } from '../presenceColour'
import { SyncStatus } from '../components/SyncStatus'
import { Presence } from '../components/Presence'
import { ShareDialog } from '../components/ShareDialog'
import { createSectionsModel } from '../sections/model'
import { createMedia, NARROW } from '../sections/media'
import { MobileQuickAdd, PlanSections, PlanSectionsTop } from '../sections/PlanSections'
import { MeetingView } from '../sections/MeetingView'
import { AttachmentsBlock } from '../sections/Attachments'
import { TeamView } from '../team/TeamView'
import { ActivityView } from '../team/ActivityView'
import { UndoButtons } from '../components/UndoButtons'
import { PlanSearch } from '../components/PlanSearch'
import { navigate, route } from '../router'
import { DocumentLinks } from '../documents/DocumentLinks'
import { SubstantiationView } from '../documents/SubstantiationView'
import { PrintView } from '../documents/PrintView'
import { MeetingDecisions, MeetingLink, MeetingMissing } from '../documents/MeetingTools'
import { VerslagView } from '../documents/VerslagView'
import { ContributorLine } from '../sections/ContributorLine'
import { VoiceCard } from '../sections/VoiceCard'
import { ConsentView } from '../consent/ConsentView'
import { SectionMenu } from '../components/SectionMenu'
import { FoldedTools } from '../components/FoldedTools'
import { PlanForYou } from '../components/ForYou'
import { PlanNewSince } from '../components/NewSince'
import { PlanReminders } from '../components/Reminders'
import { showSection } from '../sections/planNav'
import { PreparationView } from '../prep/PreparationView'
import { ChildVoiceForm } from '../childVoice/ChildVoiceForm'
import { voiceEditable } from '../sections/voiceAccess'
import { ClosedBanner, CloseDialogButton, DownloadContentButton } from '../components/PlanClosure'
import { HandoverButton } from '../components/HandoverDialog'
import { EraseBlock } from '../sections/EraseBlock'
import { UnlessErased } from '../components/PlanErased'
import { tErase } from '../i18n/erase'

export default function PlanView(props: { planId: string }) {
  const [session] = createResource(
    () => props.planId,
    async (planId) => (await loadClient()).openPlan(planId),
  )
  return (
    <Switch>
      <Match when={session.loading}>
        <p class="muted" role="status">
          {t('plan.loading')}
        </p>
      </Match>
      <Match when={session.error}>
        <div class="notice notice--error" role="alert">
          <p>
            {errorCodeOf(session.error) === 'plan-unknown'
              ? t('plan.notFound')
              : errorCodeOf(session.error) === 'plan-erased'
                ? tErase('erase.doneNow')
                : t('plan.openFailed')}
          </p>
          <p>
            <a href="#/">{t('plan.back')}</a>
          </p>
        </div>
      </Match>
      <Match when={session()} keyed>
        {(s) => (
          // R20: erased while open (or its retention ended): the client deletes it here, the view goes and says why
          <UnlessErased planId={s.planId}>
            <PlanBody session={s} />
          </UnlessErased>
        )}
      </Match>
    </Switch>
  )
}

function PlanBody(props: { session: PlanSession }) {
  const session = props.session
  const doc = session.doc
  const [status, setStatus] = createSignal(session.status())
  const [role, setRole] = createSignal(session.role())
  // R19: a closed plan is read-only for everyone; the status follows every envelope change
  const [closure, setClosure] = createSignal(session.closure())
  const refreshClosure = () => setClosure(session.closure())
  const stopStatus = session.onStatus((s) => {
    setStatus(s)
    setRole(session.role())
    refreshClosure()
  })
  onCleanup(stopStatus)

  const child = createChild(doc)
  const [childName, setChildName] = createSignal(child.get().name)
  onCleanup(child.observe((d) => setChildName(d.name)))

  // a plan from a newer app is read-only here until the app updates
  const [newer, setNewer] = createSignal(false)
  const readOnlyPlan = () => newer() || closure() !== null
  const canWrite = () => roleAtLeast(role(), 'contributor') && !readOnlyPlan()
  // a contributor's own perspective follows their party (P1); role() follows the signed log
  const myParty = () => {
    role() // the party is re-read when the role changes
    return me ? session.party(me.memberKey) : undefined
  }

  const me = profile()
  if (me) {
    session.awareness.setLocalState({ ...(session.awareness.getLocalState() ?? {}), user: { name: me.name, color: colourFor(me.memberKey) } })
  }
  // leaving the plan: the others no longer see us here (the session stays open and keeps syncing)
  onCleanup(() => session.awareness.setLocalState(null))

  // migrating writes only when the plan is older than this app; it never writes for a current plan
  if (migratePlan(doc).kind === 'newer') setNewer(true)

  const voices = createVoices(doc)
  const name = () => childName() || t('plan.childFallback')

  // this person's keys by P1's own rule (every client judges the write by it): any device of
  // mine, or an invite I claimed (an afspraak named before I joined)
  const isMine = (key: string) => session.isMine(key)
  const sections = createSectionsModel({ doc, awareness: session.awareness, me: me?.memberKey ?? '', role, readOnlyPlan, status, isMine })
  const narrow = createMedia(NARROW)
  // meeting mode (#/plan/<id>/overleg/<meetingId>) and the documents (#/plan/<id>/onderbouwing,
  // /afdrukken) follow the route: the plan's sections make way for them
  const here = () => {
    const r = route()
    return r.name === 'plan' && r.planId === session.planId ? r : null
  }
  const meetingId = () => here()?.meetingId ?? null
  const documentView = () => here()?.view ?? null
  // a meeting's preparation form and the child's own form: pages of their own, like a document
  const prepareFor = () => here()?.prepare ?? null
  const childForm = () => here()?.childVoice === true
  // P4 as the voices section judges it: a professional (with its organisation) never writes the child's voice
  const mayWriteChildVoice = () =>
    canWrite() && voiceEditable(role(), myParty(), 'kind', { id: me ? session.organisationOf(me.memberKey) : undefined, kind: undefined })
  const section = () => here()?.section
  // #/plan/<id>/<section>: that section is shown (also when the back button returns to it); the
  // plan's own address keeps the scroll the browser restores (back returns to where one was)
  createEffect(
    on([section, meetingId, documentView], ([s, meeting, view]) => {
      // after this change is drawn (a meeting that closed puts the sections back first)
      if (s && !meeting && !view) requestAnimationFrame(() => showSection(s))
    }),
  )
  let returnFocus: HTMLElement | null = null
  const openMeeting = (id: string) => {
    returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null
    navigate({ name: 'plan', planId: session.planId, meetingId: id })
  }
  const closeMeeting = () => {
    const id = meetingId()
    navigate({ name: 'plan', planId: session.planId })
    // back where one was, or on the meeting's button in the list
    queueMicrotask(() => {
      const target = returnFocus?.isConnected ? returnFocus : document.querySelector<HTMLElement>(`[data-meeting-open="${id}"]`)
      target?.focus()
    })
  }

  // the header's parts that a phone shows after "Voor jou" and the section menu (src/ui/components/nav.css)
  const roleAndDocuments = () => (
    <>
      <p class="plan__role">{t('role.yours', { role: t(`role.${role()}`) })}</p>
      <DocumentLinks planId={session.planId} />
      {lifeTools}
    </>
  )
  // the plan's whole life: its own copy for everyone, closing for an admin, handing over for a parent with gezag.
  // Made once, here: when the window crosses NARROW (a tablet turned, a window resized) these nodes
  // move between the header and the phone's tools, so a dialog being filled in keeps its words.
  const lifeTools = (
    <div class="actions plan__life">
      <DownloadContentButton session={session} childName={childName()} />
      <Show when={role() === 'admin' && !readOnlyPlan()}>
        <CloseDialogButton session={session} onChange={refreshClosure} />
      </Show>
      <Show when={me && myParty() === 'gezag'}>
        <HandoverButton session={session} />
      </Show>
    </div>
  )
  const contributorLine = () => (
    <Show when={role() === 'contributor' && !newer()}>
      <ContributorLine party={myParty()} />
    </Show>
  )

  return (
    <article class="plan" aria-labelledby="plan-title">
      <header class="plan__header" classList={{ 'plan__header--compact': narrow() }}>
        <p class="plan__back">
          <a href="#/">{t('plan.back')}</a>
        </p>
        <div class="section-head">
          <h1 id="plan-title">{t('plan.title', { name: name() })}</h1>
          <Show when={role() === 'admin' && !closure()}>
            <ShareDialog session={session} />
          </Show>
        </div>
        <div class="plan__meta">
          <SyncStatus status={status()} />
          <Show when={!narrow()}>{roleAndDocuments()}</Show>
        </div>
        <Show when={closure()} keyed>
          {(c) => <ClosedBanner session={session} closure={c} role={role()} onChange={refreshClosure} />}
        </Show>
        <Show when={!roleAtLeast(role(), 'contributor') && !closure()}>
          <div class="notice notice--info">{t('plan.readOnly')}</div>
        </Show>
        <Show when={newer()}>
          <div class="notice notice--warning">{t('plan.newerSchema')}</div>
        </Show>
        <Show when={!narrow()}>
          {contributorLine()}
          <UndoButtons model={sections} />
          <PlanSearch model={sections} />
        </Show>
      </header>

      {/* the plan's own page: first what is asked of me, the way to every section, then what is new and what dates come up */}
      <Show when={!meetingId() && !documentView() && !prepareFor() && !childForm()}>
        <PlanForYou session={session} me={me?.memberKey ?? ''} />
        <SectionMenu planId={session.planId} current={section()} narrow={narrow()} />
        {/* below the menu, so on a phone its button stays on the first screen */}
        <PlanNewSince session={session} me={me?.memberKey ?? ''} />
        <PlanReminders session={session} />
      </Show>

      {/* a phone: the rest of the header after them, search and who is here behind one button */}
      <Show when={narrow()} fallback={<Presence awareness={session.awareness} />}>
        <div class="plan__tools">
          <div class="plan__meta">{roleAndDocuments()}</div>
          {contributorLine()}
          <UndoButtons model={sections} />
          <FoldedTools>
            <PlanSearch model={sections} />
            <Presence awareness={session.awareness} />
          </FoldedTools>
        </div>
      </Show>

      <Switch>
        <Match when={documentView() === 'onderbouwing'}>
          <SubstantiationView doc={doc} session={session} planId={session.planId} me={me?.memberKey ?? ''} canEdit={sections.canEdit()} />
        </Match>
        <Match when={documentView() === 'afdrukken'}>
          <PrintView doc={doc} planId={session.planId} session={session} opp={() => oppStandingOf(session)} />
        </Match>
        <Match when={prepareFor()} keyed>
          {(id) => <PreparationView session={session} meetingId={id} me={me?.memberKey ?? ''} canWrite={canWrite} />}
        </Match>
        <Match when={childForm()}>
          <ChildVoiceForm session={session} editable={mayWriteChildVoice} isParent={() => myParty() === 'parent' || myParty() === 'gezag'} />
        </Match>
        <Match when={true}>
          <Show
            when={meetingId()}
            keyed
            fallback={
              <>
                <MobileQuickAdd model={sections} narrow={narrow()} />
                <PlanSectionsTop model={sections} />
                <section class="voices" id="sp-voices" aria-labelledby="voices-title">
                  <h2 id="voices-title">{t('voices.title')}</h2>
                  <p class="muted">{t('voices.intro')}</p>
                  <div class="voices__grid">
                    <For each={PERSPECTIVES}>
                      {(perspective) => (
                        <VoiceCard
                          session={session}
                          voices={voices}
                          perspective={perspective}
                          me={me?.memberKey ?? ''}
                          role={role}
                          party={myParty}
                          canWrite={canWrite}
                        />
                      )}
                    </For>
                  </div>
                </section>
                <PlanSections model={sections} narrow={narrow()} onOpenMeeting={openMeeting} session={session} />
                <div class="sp-sections">
                  <AttachmentsBlock session={session} place={{ kind: 'plan' }} role={role} me={me?.memberKey ?? ''} canAdd={canWrite} />
                </div>
                <div class="sp-sections">
                  <TeamView session={session} role={role} me={me?.memberKey ?? ''} myName={me?.name ?? ''} />
                  <ConsentView session={session} me={me?.memberKey ?? ''} />
                  <EraseBlock session={session} role={role} party={myParty} />
                  <ActivityView session={session} me={me?.memberKey ?? ''} myName={me?.name ?? ''} />
                </div>
              </>
            }
          >
            {(id) => (
              <>
                <MeetingView model={sections} meetingId={id} onClose={closeMeeting} party={myParty} session={session} />
                <Show when={sections.meeting(id)}>
                  <AttachmentsBlock session={session} place={{ kind: 'meeting', id }} role={role} me={me?.memberKey ?? ''} canAdd={canWrite} />
                </Show>
                <MeetingMissing model={sections} planId={session.planId} meetingId={id} />
                <Show when={sections.meeting(id)}>
                  <MeetingDecisions model={sections} meetingId={id} />
                  <VerslagView model={sections} session={session} meetingId={id} />
                  <MeetingLink planId={session.planId} meetingId={id} />
                </Show>
              </>
            )}
          </Show>
        </Match>
      </Switch>
    </article>
  )
}
