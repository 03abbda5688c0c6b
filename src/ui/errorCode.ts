/** The `code` of an error from the layers below (a `PlanError`, a typed crypto or sync error), else 'generic'. */
export function errorCodeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : 'generic'
}
