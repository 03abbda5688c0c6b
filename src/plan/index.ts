/** The plan document's schema: typed slices over the plan Y.Doc (DESIGN §6). UI uses these, never Y.Map by hand. */
export { PLAN_SCHEMA_VERSION, initPlan, migratePlan, schemaVersion, type MigrationResult, type PlanInit } from './meta'
export { createChild, CHILD_FIELDS, type ChildDetails, type ChildAccessor } from './child'
export { createVoices, voiceTextName, PERSPECTIVES, VOICE_FIELDS, type Perspective, type VoiceField, type VoicesAccessor } from './voices'
export { createTeam, memberName, type TeamMember, type TeamRole, type NewTeamMember, type TeamAccessor } from './team'
export { randomId } from './ids'
