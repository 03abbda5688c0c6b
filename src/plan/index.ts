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
  UITSTROOM_BESTEMMINGEN,
  referencedFactors,
  type UitstroomBestemming,
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
  cleanNoteLine,
  MEETING_TYPES,
  AGENDA_ITEMS,
  type Meeting,
  type MeetingType,
  type AgendaItem,
  type Attendee,
  type Decision,
  type NewMeeting,
  type MeetingPatch,
  type MeetingsAccessor,
} from './meetings'
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
export { durationWords, dateWords, isoDay, numberWord, type DocumentLang } from './documentText'
export {
  compileRequest,
  compileSubstantiation,
  renderRequest,
  substantiationToText,
  MEETINGS_IN_SUBSTANTIATION,
  REQUEST_SECTIONS,
  type Substantiation,
  type DocSection,
  type DocBlock,
  type Fact,
  type RenderOptions,
  type RequestApprovalLine,
  type RequestGap,
  type SubstantiationSectionId,
} from './substantiation'
export { requestContent, canonicalRequest, type RequestContent } from './requestContent'
export { createRequest, REQUEST, type RequestAccessor, type RequestDetails, type RequestPatch } from './request'
export {
  createRequestApprovals,
  mayApproveRequest,
  readRequestApproval,
  requestApprovalStatus,
  REQUEST_APPROVALS,
  type ApproverStanding,
  type ApproverState,
  type NewRequestApproval,
  type OverallApproval,
  type RequestApprovalAccessor,
  type RequestApprovalEntry,
  type RequestApprovalInput,
  type RequestApprovalStatus,
} from './requestApproval'
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
export { readSharedDocument, sharedFromPrint, sharedFromSubstantiation, type SharedDocument, type SharedSection } from './sharedDocument'
export {
  consentingReaderMayChange,
  contributorMayChange,
  contributorMayChangeEntry,
  contributorRoots,
  isOwnKey,
  mayChangeAll,
  mayChangeRoot,
  mayGiveInstemming,
  mayWriteInstemming,
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
  validInstemmingActs,
  standingOf,
  signersAt,
  versionOf,
  INSTEMMING,
  INSTEMMING_VERSION,
  REASON_MAX,
  type InstemmingSigners,
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
export {
  createPreparations,
  preparationsForItem,
  meetingsToPrepare,
  preparationTextName,
  preparationOfRoot,
  isPreparationRoot,
  PREPARATIONS,
  PREPARATION_QUESTIONS,
  type Preparation,
  type PreparationQuestion,
  type PreparationsAccessor,
} from './preparations'
export {
  createChildVoice,
  childQuestionTextName,
  CHILD_HELPERS_NAME,
  CHILD_SCALE_NAME,
  CHILD_SCALE_TOPICS,
  CHILD_SCALE_VALUES,
  CHILD_QUESTIONS,
  CHILD_STEPS,
  type ChildScaleTopic,
  type ChildScaleValue,
  type ChildQuestion,
  type ChildStep,
  type ChildVoiceAnswers,
  type ChildVoiceAccessor,
} from './childVoice'
export {
  createHandelingsdeel,
  HANDELINGSDEEL,
  MEASURE_KINDS,
  type Measure,
  type MeasureKind,
  type NewMeasure,
  type MeasurePatch,
  type HandelingsdeelAccessor,
} from './handelingsdeel'
export {
  canonicalHandelingsdeel,
  parseCanonicalHandelingsdeel,
  handelingsdeelOf,
  handelingsdeelChanges,
  changesSinceActionsOnly,
  CANONICAL_HANDELINGSDEEL_FORMAT,
  type CanonicalHandelingsdeel,
  type HandelingsdeelChange,
  type HandelingsdeelPart,
} from './handelingsdeelCanonical'
export {
  createOppConversations,
  lastConversationOn,
  OPP_CONVERSATIONS,
  OPP_CONVERSATION_KINDS,
  type OppConversation,
  type OppConversationKind,
  type NewOppConversation,
  type OppConversationsAccessor,
} from './oppConversations'
export {
  createVaststelling,
  readVaststellingEntry,
  vaststellingGate,
  vaststellingStatus,
  GESCHILLENCOMMISSIE_URL,
  VASTSTELLING,
  VASTSTELLING_BASES,
  type VaststellingBasis,
  type VaststellingEntry,
  type VaststellingStatus,
  type VaststellingInput,
  type GateRefusal,
  type VaststellingIgnoredReason,
} from './vaststelling'
export { isAdultOn, ADULT_AGE } from './adulthood'
export { oppBlocks, type OppStanding } from './oppPrint'
export { BESTEMMING_WORDS, MEASURE_KIND_WORDS, TALK_KIND_WORDS } from './oppWords'
export {
  createRetention,
  DEFAULT_RETENTION_POLICY,
  DEFAULT_RETENTION_YEARS,
  MAX_RETENTION_YEARS,
  RETENTION,
  RETENTION_KINDS,
  retentionEnd,
  retentionPassed,
  type Retention,
  type RetentionKind,
  type RetentionPolicy,
} from './retention'
