/** The plan document's schema: typed slices over the plan Y.Doc (DESIGN §6). UI uses these, never Y.Map by hand. */
export { PLAN_SCHEMA_VERSION, initPlan, migratePlan, schemaVersion, type MigrationResult, type PlanInit } from './meta'
export { PlanError, type PlanErrorCode } from './errors'
export { isIsoDate } from './fields'
export { TITLE_MAX, NAME_MAX, SHORT_TEXT_MAX, LINE_MAX, LONG_TEXT_MAX, COUNTER_FROM, textLength, clipText } from './limits'
export {
  createMeta,
  PLAN_STATUSES,
  SCHOOL_SUPPORT_LEVELS,
  CARE_LEVELS,
  type PlanStatus,
  type SchoolSupportLevel,
  type CareLevel,
  type PlanMeta,
  type PlanMetaPatch,
  type MetaAccessor,
} from './status'
export { createChild, CHILD_FIELDS, type ChildDetails, type ChildAccessor } from './child'
export { createTeam, memberName, type TeamMember, type TeamRole, type NewTeamMember, type TeamMemberPatch, type TeamAccessor } from './team'
export { createSocialMap, type Contact, type NewContact, type ContactPatch, type SocialMapAccessor } from './socialMap'
export {
  createVoices,
  lastVoiceWrite,
  voiceTextName,
  voiceCommentName,
  commentOfRoot,
  VOICE_COMMENTS,
  PERSPECTIVES,
  VOICE_FIELDS,
  type Perspective,
  type VoiceField,
  type VoicesAccessor,
  type VoiceComment,
} from './voices'
export {
  createFactors,
  FACTOR_DOMAINS,
  FACTOR_KINDS,
  type FactorDomain,
  type FactorKind,
  type Factor,
  type NewFactor,
  type FactorPatch,
  type FactorMatrix,
  type FactorsAccessor,
} from './factors'
export { createNeeds, needTextName, NEED_HOLDERS, type NeedHolder, type NeedsAccessor } from './needs'
export {
  createPerspective,
  perspectiveTextName,
  PERSPECTIVE_TEXTS,
  type PerspectiveText,
  type PerspectiveSnapshot,
  type PerspectiveAccessor,
} from './perspective'
export {
  createGoals,
  goalTextName,
  GOAL_DOMAINS,
  GOAL_STATUSES,
  GOAL_TEXTS,
  EVALUATION_RESULTS,
  EVALUATION_DECISIONS,
  type Goal,
  type GoalDomain,
  type GoalStatus,
  type GoalText,
  type GoalPatch,
  type NewGoal,
  type Evaluation,
  type EvaluationResult,
  type EvaluationDecision,
  type NewEvaluation,
  type GoalsAccessor,
} from './goals'
export {
  createActions,
  canonicalActions,
  parseCanonicalActions,
  actionChanges,
  SIGNED_FIELDS,
  type SignedAction,
  type ActionChange,
  CANONICAL_ACTIONS_FORMAT,
  FUNDERS,
  type Action,
  type Funder,
  type NewAction,
  type ActionPatch,
  type ActionsAccessor,
} from './actions'
export { createRoute, ROUTE_LEVELS, type RouteLevel, type RouteStep, type NewRouteStep, type RouteStepPatch, type RouteAccessor } from './route'
export {
  createObservations,
  OBSERVATION_CONTEXTS,
  type Observation,
  type ObservationContext,
  type NewObservation,
  type ObservationPatch,
  type ObservationsAccessor,
} from './observations'
export {
  createMeetings,
  meetingNotesName,
  notesOfRoot,
  meetingMap,
  presenceConfirmed,
  agendaHasItem,
  cleanNoteLine,
  PRESENT,
  SELF_MARKED,
  type Meeting,
  type LineTarget,
  type Attendee,
  type Decision,
  type NewMeeting,
  type MeetingPatch,
  type MeetingsAccessor,
} from './meetings'
export {
  createMeetingTemplates,
  defaultTemplate,
  ownAgendaItem,
  checkAgenda,
  readAgenda,
  LEGACY_AGENDA,
  MEETING_TYPES,
  MEETING_TEMPLATES,
  AGENDA_KINDS,
  AGENDA_MINUTES_MAX,
  type AgendaItem,
  type AgendaKind,
  type MeetingType,
  type MeetingTemplatesAccessor,
} from './meetingTemplates'
export {
  createApprovals,
  approvalStatus,
  readApprovalEntry,
  mayApprove,
  APPROVALS,
  APPROVAL_SUBJECTS,
  type ApprovalEntry,
  type ApprovalStatus,
  type ApprovalSubject,
  type NewApproval,
  type SignerApproval,
  type SignerState,
  type Verdict,
} from './approvals'
export {
  compileMeetingReport,
  canonicalMeetingReport,
  previousActions,
  previousMeeting,
  MEETING_REPORT_FORMAT,
  type MeetingReport,
  type ReportItem,
  type ReportAction,
  type ReportEvaluation,
} from './meetingReport'
export { createNeedLines, NEED_LINES, type NeedLine, type NewNeedLine, type NeedLinesAccessor } from './needLines'
export {
  createAttachments,
  checkAttachmentFile,
  attachmentTypeOf,
  attachmentKind,
  mayRemoveAttachment,
  ATTACHMENTS,
  ATTACHMENT_TYPES,
  MAX_ATTACHMENT_BYTES,
  type Attachment,
  type AttachmentKind,
  type AttachmentPlace,
  type AttachmentType,
  type AttachmentsAccessor,
  type NewAttachment,
} from './attachments'
export { searchPlan, foldForSearch, SEARCH_SECTIONS, type SearchHit, type SearchSection } from './search'
export { randomId } from './ids'
export { createPlanUndo, createTextUndo, SIGNED_ACT_ORIGIN, UNDO_CAPTURE_MS, type Undo, type UndoState } from './undo'
export { deltaToBlocks, richTextBlocks, blocksToText, type RichBlock, type TextRun, type DeltaOp } from './richText'
export {
  newSince,
  sectionOfRoot,
  encodeLastVisit,
  decodeLastVisit,
  NEW_SINCE_MAX_GROUPS,
  type NewSinceGroup,
  type NewSinceSection,
} from './newSince'
export { remindersOf, nextMeetingDate, addDays, REMINDER_DAYS, type Reminder, type RemindersInput } from './reminders'
export { homeSummary, sameHomeSummary, encodeHomeSummary, decodeHomeSummary, type HomeSummary } from './homeSummary'
export { durationWords, dateWords, isoDay, numberWord, MEETING_TYPE_WORDS, type DocumentLang } from './documentText'
export {
  compileSubstantiation,
  substantiationToText,
  MEETINGS_IN_SUBSTANTIATION,
  type Substantiation,
  type DocSection,
  type DocBlock,
  type Fact,
  type SubstantiationSectionId,
} from './substantiation'
export {
  compilePrintDocument,
  PRINT_SECTIONS,
  type PrintSection,
  type PrintLabel,
  type PrintWords,
  type PrintOptions,
  type PrintDocument,
  type PrintDocSection,
  type PrintBlock,
  type PrintListItem,
} from './printDocument'
export {
  consentingReaderMayChange,
  contributorMayChange,
  contributorMayChangeEntry,
  attendeeMayWriteNotes,
  mayWriteNotesWhenPresent,
  contributorRoots,
  isOwnKey,
  mayChangeAll,
  mayChangeRoot,
  mayGiveInstemming,
  mayWriteVoice,
  ownPerspective,
  partyForVoices,
  voiceOfRoot,
  type ContentAuthor,
  type EntryChange,
  type KeyOwners,
  type Party,
  type OwnPerspective,
} from './rights'
export {
  createInstemming,
  instemmingStatus,
  agreedActions,
  readInstemmingEntry,
  INSTEMMING,
  type InstemmingEntry,
  type InstemmingKind,
  type NewInstemming,
  type InstemmingAccessor,
  type InstemmingStatus,
  type InstemmingInput,
  type ParentInstemming,
  type ParentInstemmingState,
  type OverallInstemming,
  type IgnoredInstemming,
  type IgnoredReason,
} from './instemming'
export {
  createOrganisations,
  organisationKindOf,
  randomOrganisationId,
  sameOrganisationName,
  ORGANISATIONS,
  ORGANISATION_KINDS,
  ORGANISATION_KIND_VALUES,
  type Organisation,
  type OrganisationKind,
  type OrganisationsAccessor,
} from './organisations'
export {
  createConsents,
  canonicalConsentDetails,
  consentSalt,
  CONSENTS,
  CANONICAL_CONSENT_FORMAT,
  type ConsentEntry,
  type ConsentDetails,
  type ConsentAccessor,
} from './consent'
