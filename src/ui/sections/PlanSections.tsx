import { Show } from 'solid-js'
import type { PlanSession } from '../../access/types'
import { ActionsSection } from './Actions'
import { ChildSection } from './ChildDetails'
import { ContactsSection } from './Contacts'
import { FactorsSection } from './Factors'
import { NeedsSection } from './Needs'
import { PerspectiveSection } from './Perspective'
import { StatusSection } from './PlanStatus'
import { RouteSection } from './Route'
import { GoalsSection } from './Goals'
import { MeetingsSection } from './Meetings'
import { ObservationQuickAdd, ObservationsSection } from './Observations'
import type { SectionsModel } from './model'
import './sections.css'

/** The quick-add at the very top of the plan, on a phone: the parent's one thing to do. */
export function MobileQuickAdd(props: { model: SectionsModel; narrow: boolean }) {
  return (
    <Show when={props.narrow && props.model.canContribute()}>
      <ObservationQuickAdd model={props.model} />
    </Show>
  )
}

/** The plan's sections above the voices (DESIGN §6 order): planstatus, basisgegevens, contacten en sociale kaart. */
export function PlanSectionsTop(props: { model: SectionsModel }) {
  return (
    <div class="sp-sections ps-top">
      <div class="ps-top__summary">
        <StatusSection model={props.model} />
        <ChildSection model={props.model} />
      </div>
      <ContactsSection model={props.model} />
    </div>
  )
}

/** The plan's sections below the voices, in the order of DESIGN §6. */
export function PlanSections(props: { model: SectionsModel; narrow: boolean; onOpenMeeting: (meetingId: string) => void; session?: PlanSession }) {
  return (
    <div class="sp-sections">
      <FactorsSection model={props.model} />
      <NeedsSection model={props.model} />
      <PerspectiveSection model={props.model} />
      <GoalsSection model={props.model} />
      <ActionsSection model={props.model} session={props.session} />
      <RouteSection model={props.model} />
      <ObservationsSection model={props.model} withQuickAdd={!props.narrow} />
      <MeetingsSection model={props.model} onOpen={props.onOpenMeeting} planId={props.session?.planId} />
    </div>
  )
}
