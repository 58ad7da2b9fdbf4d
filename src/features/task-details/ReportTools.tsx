/**
 * What to do with a failure beyond retrying: "Copy error log" puts the plain-text report
 * (src/lib/errorReport.ts) on the clipboard — or, where the browser refuses, shows it selected in
 * a read-only box to copy by hand; "Download report" saves it as text or JSON; "Report a problem"
 * opens the deployment's support address (VITE_SUPPORT_URL: an https: form or a mailto:) with the
 * report, and is not shown when none is configured. Results are said in a polite live region.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { Attempt, LogEntry, Task } from '../../api/schemas';
import { taskLink } from '../../hooks/navigation';
import { useT } from '../../i18n/localeStore';
import { buildErrorReport, buildErrorReportJson, type ErrorReportInput } from '../../lib/errorReport';
import { isSupportTarget, supportLink } from '../../lib/supportLink';

type ToolState = { kind: 'idle' } | { kind: 'copied' } | { kind: 'downloaded'; file: string } | { kind: 'fallback'; report: string };

interface ReportToolsProps {
  task: Task;
  attempts: readonly Attempt[] | undefined;
  logs: readonly LogEntry[];
}

/** When a report is made: only ever called from a click. */
const reportTime = () => Date.now();

/** Read when rendering, so a test (or a later config) can set it. */
function supportTarget(): string | undefined {
  return import.meta.env.VITE_SUPPORT_URL;
}

export function ReportTools({ task, attempts, logs }: ReportToolsProps) {
  const t = useT();
  const fieldId = useId();
  const [state, setState] = useState<ToolState>({ kind: 'idle' });
  const fallback = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (state.kind !== 'fallback' || !fallback.current) return;
    fallback.current.focus();
    fallback.current.select();
  }, [state]);

  const input = (now: number): ErrorReportInput => ({
    task,
    attempts,
    logs,
    link: taskLink(task.id),
    appVersion: __APP_VERSION__,
    userAgent: navigator.userAgent,
    now,
  });

  const copy = async () => {
    const report = buildErrorReport(input(reportTime()));
    try {
      // Missing API (old browser, insecure context) throws here and lands in the fallback too.
      await navigator.clipboard.writeText(report);
      setState({ kind: 'copied' });
    } catch {
      setState({ kind: 'fallback', report });
    }
  };

  const download = (format: 'txt' | 'json') => {
    const data = input(reportTime());
    const body = format === 'txt' ? buildErrorReport(data) : `${JSON.stringify(buildErrorReportJson(data), null, 2)}\n`;
    const file = `task-center-report-${safeName(task.id)}.${format}`;
    saveFile(file, body, format === 'txt' ? 'text/plain;charset=utf-8' : 'application/json');
    setState({ kind: 'downloaded', file });
  };

  const target = supportTarget();
  const reportProblem = () => {
    const href = supportLink(target, {
      subject: `Task Center: ${task.type} task ${task.id} ${task.status}${task.error ? ` (${task.error.code})` : ''}`,
      taskId: task.id,
      body: buildErrorReport(input(reportTime())),
    });
    if (href) openLink(href);
  };

  return (
    <div className="td-copy">
      <div className="td-report-actions">
        <button type="button" className="btn btn-small" onClick={() => void copy()}>
          {t('details.copyLog')}
        </button>
        <button type="button" className="btn btn-small" onClick={() => download('txt')}>
          {t('details.downloadText')}
        </button>
        <button type="button" className="btn btn-small" onClick={() => download('json')}>
          {t('details.downloadJson')}
        </button>
        {isSupportTarget(target) && (
          <button type="button" className="btn btn-small" onClick={reportProblem}>
            {t('details.reportProblem')}
            <span className="visually-hidden"> {t('details.opensElsewhere')}</span>
          </button>
        )}
      </div>
      <p role="status" className="td-copy-status small">
        {state.kind === 'copied' ? t('details.copied') : state.kind === 'downloaded' ? t('details.downloaded', { file: state.file }) : ''}
      </p>
      {state.kind === 'fallback' && (
        <div className="field">
          <p className="small">{t('details.copyFallback')}</p>
          <label htmlFor={fieldId} className="small muted">
            {t('details.copyFallbackLabel')}
          </label>
          <textarea id={fieldId} ref={fallback} className="textarea mono td-copy-fallback" readOnly value={state.report} rows={8} />
        </div>
      )}
    </div>
  );
}

function safeName(id: string): string {
  return id.replace(/[^\w.-]+/g, '_').slice(0, 80) || 'task';
}

/** Opens the support address: a help desk page in a new tab, or the mail program. */
function openLink(href: string): void {
  const link = document.createElement('a');
  link.href = href;
  if (href.startsWith('https:')) link.target = '_blank';
  link.rel = 'noopener noreferrer';
  document.body.append(link);
  link.click();
  link.remove();
}

function saveFile(name: string, body: string, type: string): void {
  const url = URL.createObjectURL(new Blob([body], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the blob after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
