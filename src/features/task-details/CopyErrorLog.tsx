/**
 * "Copy error log": puts the plain-text report (src/lib/errorReport.ts) on the clipboard and says
 * so in a polite live region. Where the browser has no Clipboard API or refuses (no permission,
 * insecure context), the report appears in a read-only text box, selected and focused, so the
 * user copies it by hand.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { LogEntry, Task } from '../../api/schemas';
import { useT } from '../../i18n/localeStore';
import { buildErrorReport } from '../../lib/errorReport';

type CopyState = { kind: 'idle' } | { kind: 'copied' } | { kind: 'fallback'; report: string };

export function CopyErrorLog({ task, logs }: { task: Task; logs: readonly LogEntry[] }) {
  const t = useT();
  const fieldId = useId();
  const [state, setState] = useState<CopyState>({ kind: 'idle' });
  const fallback = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (state.kind !== 'fallback' || !fallback.current) return;
    fallback.current.focus();
    fallback.current.select();
  }, [state]);

  const copy = async () => {
    const report = buildErrorReport({ task, logs, appVersion: __APP_VERSION__, userAgent: navigator.userAgent });
    try {
      // Missing API (old browser, insecure context) throws here and lands in the fallback too.
      await navigator.clipboard.writeText(report);
      setState({ kind: 'copied' });
    } catch {
      setState({ kind: 'fallback', report });
    }
  };

  return (
    <div className="td-copy">
      <button type="button" className="btn btn-small" onClick={() => void copy()}>
        {t('details.copyLog')}
      </button>
      <p role="status" className="td-copy-status small">
        {state.kind === 'copied' ? t('details.copied') : ''}
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
