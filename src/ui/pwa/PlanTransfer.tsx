import { For, Show, createResource, createSignal } from 'solid-js'
import type { ImportResult, PlanSummary } from '../../access/types'
import { t } from '../i18n'
import { tPwa, type PwaKey } from '../i18n/pwa'
import { loadClient } from '../client'
import { errorCodeOf } from '../errorCode'
import { focusFirstErrorSoon } from '../components/focusFirstError'
import { PassphraseFields, passphraseProblem, type PassphraseValue, type PassphraseProblem } from '../components/PassphraseFields'

const IMPORT_ERRORS = new Set([
  'export-wrong-passphrase',
  'export-not-samenplan',
  'export-damaged',
  'export-newer-version',
  'export-refused',
  'export-passphrase-too-short',
])

function messageOf(err: unknown): string {
  const code = errorCodeOf(err)
  return IMPORT_ERRORS.has(code) ? tPwa(`transfer.err.${code}` as PwaKey) : tPwa('transfer.err.generic')
}

/** Argon2id blocks the page for a moment: let the "busy" text paint first. */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
}

function download(bytes: Uint8Array, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/octet-stream' }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.hidden = true
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/** Settings: a plan to a .samenplan file under a passphrase chosen for it, and back. */
export function PlanTransfer() {
  const [plans, { refetch }] = createResource(async (): Promise<PlanSummary[]> => (await loadClient()).listPlans())

  const [planId, setPlanId] = createSignal('')
  const [pass, setPass] = createSignal<PassphraseValue>({ passphrase: '', repeat: '' })
  const [exportProblem, setExportProblem] = createSignal<PassphraseProblem | null>(null)
  const [exportError, setExportError] = createSignal<string | null>(null)
  const [exporting, setExporting] = createSignal(false)
  const [exported, setExported] = createSignal<string | null>(null)

  const doExport = async (e: SubmitEvent) => {
    e.preventDefault()
    setExported(null)
    setExportError(null)
    const problem = passphraseProblem(pass())
    setExportProblem(problem)
    const id = planId() || plans()?.[0]?.planId
    if (problem) return focusFirstErrorSoon(e.currentTarget as HTMLFormElement)
    if (!id) return
    setExporting(true)
    try {
      await nextPaint()
      const file = await (await loadClient()).exportPlan(id, pass().passphrase)
      download(file.bytes, file.fileName)
      setExported(file.fileName)
      setPass({ passphrase: '', repeat: '' })
    } catch (err) {
      setExportError(messageOf(err))
    } finally {
      setExporting(false)
    }
  }

  let fileInput!: HTMLInputElement
  const [filePass, setFilePass] = createSignal('')
  const [importError, setImportError] = createSignal<string | null>(null)
  const [importing, setImporting] = createSignal(false)
  const [imported, setImported] = createSignal<ImportResult | null>(null)

  const doImport = async (e: SubmitEvent) => {
    e.preventDefault()
    setImported(null)
    setImportError(null)
    const file = fileInput.files?.[0]
    if (!file) return setImportError(tPwa('transfer.fileRequired'))
    if (!filePass()) return setImportError(tPwa('transfer.passRequired'))
    setImporting(true)
    try {
      const bytes = new Uint8Array(await file.arrayBuffer())
      await nextPaint()
      const result = await (await loadClient()).importPlan(bytes, filePass())
      setImported(result)
      setFilePass('')
      fileInput.value = ''
      void refetch()
    } catch (err) {
      setImportError(messageOf(err))
    } finally {
      setImporting(false)
    }
  }

  return (
    <>
      <form autocomplete="off" class="panel form" onSubmit={doExport} novalidate aria-labelledby="export-title">
        <h2 id="export-title" class="utrecht-heading-2">
          {tPwa('transfer.title')}
        </h2>
        <p class="utrecht-paragraph">{tPwa('transfer.intro')}</p>
        <Show when={plans()} fallback={<p class="muted">{t('app.loading')}</p>}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="muted">{tPwa('transfer.noPlans')}</p>}>
              <div class="field utrecht-form-field">
                <label for="export-plan" class="field__label utrecht-form-label">
                  {tPwa('transfer.plan')}
                </label>
                <select id="export-plan" class="input utrecht-select" value={planId() || list()[0]!.planId} onChange={(e) => setPlanId(e.currentTarget.value)}>
                  <For each={list()}>{(p) => <option value={p.planId}>{p.title ? t('home.planOf', { name: p.title }) : t('home.untitled')}</option>}</For>
                </select>
              </div>
              <PassphraseFields
                id="export-pass"
                value={pass()}
                onChange={setPass}
                problem={exportProblem()}
                newLabel={tPwa('transfer.pass')}
                repeatLabel={tPwa('transfer.repeat')}
              />
              <div aria-live="assertive">
                <Show when={exportError()}>
                  <p class="field__error">{exportError()}</p>
                </Show>
              </div>
              <p role="status" class="muted">
                {exporting() ? tPwa('transfer.exporting') : exported() ? tPwa('transfer.exported', { file: exported()! }) : ''}
              </p>
              <div>
                <button
                  type="submit"
                  class="button utrecht-button utrecht-button--primary-action"
                  disabled={exporting()}
                  aria-busy={exporting() ? 'true' : undefined}
                >
                  {tPwa('transfer.export')}
                </button>
              </div>
            </Show>
          )}
        </Show>
      </form>

      <form autocomplete="off" class="panel form" onSubmit={doImport} novalidate aria-labelledby="import-title">
        <h2 id="import-title" class="utrecht-heading-2">
          {tPwa('transfer.importTitle')}
        </h2>
        <p class="utrecht-paragraph">{tPwa('transfer.importIntro')}</p>
        <div class="field utrecht-form-field">
          <label for="import-file" class="field__label utrecht-form-label">
            {tPwa('transfer.file')}
          </label>
          <input id="import-file" ref={fileInput} type="file" class="input" accept=".samenplan,application/octet-stream" />
        </div>
        <div class="field utrecht-form-field">
          <label for="import-pass" class="field__label utrecht-form-label">
            {tPwa('transfer.filePass')}
          </label>
          <input id="import-pass" type="password" class="input" autocomplete="off" value={filePass()} onInput={(e) => setFilePass(e.currentTarget.value)} />
        </div>
        <div aria-live="assertive">
          <Show when={importError()}>
            <p class="field__error">{importError()}</p>
          </Show>
        </div>
        <div role="status">
          <Show when={importing()}>
            <p class="muted">{tPwa('transfer.importing')}</p>
          </Show>
          <Show when={imported()}>
            {(r) => (
              <div class="notice notice--info utrecht-alert utrecht-alert--ok">
                <p>{r().merged ? tPwa('transfer.merged') : tPwa('transfer.imported')}</p>
                <Show when={!r().member}>
                  <p>{tPwa('transfer.readOnly')}</p>
                </Show>
                <p>
                  <a class="utrecht-link" href={`#/plan/${r().planId}`}>
                    {tPwa('transfer.open')}
                  </a>
                </p>
              </div>
            )}
          </Show>
        </div>
        <div>
          <button
            type="submit"
            class="button utrecht-button utrecht-button--primary-action"
            disabled={importing()}
            aria-busy={importing() ? 'true' : undefined}
          >
            {tPwa('transfer.import')}
          </button>
        </div>
      </form>
    </>
  )
}
